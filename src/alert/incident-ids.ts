/**
 * Incident ids: what an outbox row that is not about one mention is about. They stand in the row's
 * `mentionId` and can never be a mention id (a mention id starts with a brand slug and "/"; these
 * start with a word and ":"). Everything a message needs is re-read from the store at send time.
 *
 *   storm:<brand>:<YYYY-MM-DD>                       one storm thread per brand and UTC day
 *   attack:<anchor mention id>                       the earliest near-duplicate of the group
 *   health:<down|up>:<source>:<brand>:<ISO instant>  the streak's first failing run / recovering run
 */
export type IncidentRef =
  | { type: "storm"; brandId: string; day: string }
  | { type: "attack"; anchorId: string }
  | { type: "health"; state: "down" | "up"; sourceId: string; brandId: string; at: string };

/** The outbox `ruleId` of each incident type. */
export const INCIDENT_RULE = { storm: "storm", attack: "review-attack", health: "source-health" } as const;

export function incidentId(ref: IncidentRef): string {
  switch (ref.type) {
    case "storm":
      return `storm:${ref.brandId}:${ref.day}`;
    case "attack":
      return `attack:${ref.anchorId}`;
    case "health":
      return `health:${ref.state}:${ref.sourceId}:${ref.brandId}:${ref.at}`;
  }
}

export function isIncidentId(id: string): boolean {
  return /^(storm|attack|health):/.test(id);
}

export function parseIncidentId(id: string): IncidentRef | undefined {
  let m = /^storm:([a-z0-9-]+):(\d{4}-\d{2}-\d{2})$/.exec(id);
  if (m) return { type: "storm", brandId: m[1]!, day: m[2]! };
  m = /^attack:(.+)$/.exec(id);
  if (m) return { type: "attack", anchorId: m[1]! };
  m = /^health:(down|up):([a-z0-9-]+):([a-z0-9-]+):(.+)$/.exec(id);
  if (m) return { type: "health", state: m[1] as "down" | "up", sourceId: m[2]!, brandId: m[3]!, at: m[4]! };
  return undefined;
}
