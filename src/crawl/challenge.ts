/**
 * A generic "this is an anti-bot / captcha page" heuristic, used when a source's own `blocked`
 * signals did not match but the server answered 403/429/503 (never on a 200 page: a review may well
 * talk about captchas).
 */
const CHALLENGE_RE =
  /captcha|вы\s+(?:не\s+)?робот|are\s+you\s+(?:a\s+)?(?:ro)?bot|verify\s+you\s+are\s+(?:a\s+)?human|cf-chl|challenge-platform|ddos-guard|attention\s+required|access\s+denied|доступ\s+ограничен|showcaptcha|smartcaptcha/i;

export function looksLikeChallenge(body: string): boolean {
  return CHALLENGE_RE.test(body.length > 200_000 ? body.slice(0, 200_000) : body);
}

/** Statuses an anti-bot wall answers with. */
export function isChallengeStatus(status: number): boolean {
  return status === 401 || status === 403 || status === 429 || status === 503;
}
