/** Emoji and emoticons with their weights (language-independent). */

const EMOJI: Record<string, number> = {
  "😀": 2,
  "😃": 2,
  "😄": 2,
  "😁": 2,
  "😊": 2,
  "🙂": 1,
  "😉": 1,
  "😍": 3,
  "🥰": 3,
  "😘": 2,
  "🤗": 2,
  "👍": 2,
  "👏": 2,
  "🙏": 1,
  "❤": 3,
  "❤️": 3,
  "💖": 3,
  "💕": 3,
  "♥": 2,
  "🔥": 1,
  "✨": 1,
  "🎉": 2,
  "💯": 2,
  "😂": 1,
  "🤣": 1,
  "😆": 1,
  "😋": 2,
  "😎": 1,
  "✅": 1,
  "⭐": 1,
  "🌟": 1,
  "💪": 1,
  "😞": -2,
  "😔": -2,
  "😟": -2,
  "😕": -1,
  "🙁": -2,
  "☹": -2,
  "😢": -2,
  "😭": -2,
  "😩": -2,
  "😫": -2,
  "😠": -3,
  "😡": -3,
  "🤬": -4,
  "👎": -2,
  "💩": -3,
  "🤮": -3,
  "🤢": -3,
  "😤": -2,
  "😒": -2,
  "🙄": -2,
  "😱": -2,
  "😨": -2,
  "😰": -2,
  "💔": -3,
  "❌": -1,
  "🤦": -2,
  "🤡": -2,
  "😬": -1,
};

/** Emoticons: Western (":)", ":-(") and the Russian bracket style (")))", "((("). */
const EMOTICON_RE =
  /(?:[:;=8][-']?[)D\]pP*]+)|(?:[:;=][-']?[([/\\|]+)|(?:\){2,})|(?:\({2,})|(?:\^_*\^)|(?:\bxD\b)/gu;
const EMOJI_RE = /\p{Extended_Pictographic}\uFE0F?/gu;

export interface EmojiHit {
  term: string;
  weight: number;
}

function emoticonWeight(e: string): number {
  if (/^\)+$/.test(e)) return Math.min(2, 0.5 * e.length);
  if (/^\(+$/.test(e)) return -Math.min(2, 0.5 * e.length);
  if (/[(/\\|[]/.test(e)) return -1.5;
  return 1.5;
}

/** Finds emoji and emoticons, returns them with the text where they are replaced by a clause break. */
export function extractEmoji(text: string): { hits: EmojiHit[]; rest: string } {
  const hits: EmojiHit[] = [];
  let rest = text.replace(EMOJI_RE, (m) => {
    const w = EMOJI[m] ?? EMOJI[m.replace("\uFE0F", "")];
    if (w !== undefined) hits.push({ term: m, weight: w });
    return " , ";
  });
  // A bracket right after a letter is an emoticon (")))"); a lone ")" closing "(...)" is not.
  rest = rest.replace(EMOTICON_RE, (m, offset: number, all: string) => {
    if (m === ")" || m === "(") return m;
    if (/^[()]+$/.test(m) && m.length === 2) {
      const before = all[offset - 1] ?? " ";
      if (/[\d]/.test(before)) return m;
    }
    hits.push({ term: m, weight: emoticonWeight(m) });
    return " , ";
  });
  return { hits, rest };
}
