/**
 * Load and check the whole configuration directory at once:
 *   sources/*.yaml, rules/brands.yaml, rules/alerts.yaml, rules/lexicon/*.yaml, rules/digest.yaml
 * Every problem in every file is collected (not just the first) and reported as
 * `file:line:col path — message`; `ConfigError` makes the CLI exit 2.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { z } from "zod";
import { AlertsFile } from "./alerts.js";
import { BrandsFile } from "./brands.js";
import { SECRET_PATTERNS } from "./common.js";
import { DEFAULT_DIGEST, DigestFile } from "./digest.js";
import { LexiconFile } from "./lexicon.js";
import { RiskFile } from "./risk.js";
import { Source } from "./source.js";
import {
  type ConfigIssue,
  formatIssue,
  formatPath,
  type LoadedYaml,
  parseYaml,
  zodIssues,
} from "./yaml-source.js";

export interface Config {
  configDir: string;
  sources: Map<string, Source>;
  brands: BrandsFile["brands"];
  alerts: AlertsFile;
  lexicons: Map<string, LexiconFile>;
  /** rules/risk.yaml, when present. */
  risk?: RiskFile;
  /** rules/digest.yaml (defaults when absent). */
  digest: DigestFile;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(`${issues.length} configuration error(s):\n${issues.map(formatIssue).join("\n")}`);
    this.name = "ConfigError";
  }
}

interface Checked<T> {
  loaded: LoadedYaml;
  value?: T;
}

function listYaml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => join(dir, f));
}

export function loadConfig(configDir: string): Config {
  const issues: ConfigIssue[] = [];
  const display = (file: string) => {
    const rel = relative(process.cwd(), file);
    return rel && !rel.startsWith("..") ? rel : file;
  };

  const check = <S extends z.ZodType>(file: string, schema: S): Checked<z.infer<S>> => {
    const loaded = parseYaml(display(file), readFileSync(file, "utf8"));
    issues.push(...loaded.syntaxIssues);
    issues.push(...secretIssues(loaded));
    const result = schema.safeParse(loaded.data ?? {});
    if (!result.success) {
      issues.push(...zodIssues(loaded, result.error));
      return { loaded };
    }
    return { loaded, value: result.data };
  };
  const issueAt = (loaded: LoadedYaml, path: (string | number)[], message: string, preferKey = false) => {
    const pos = loaded.positionOf(path, preferKey);
    issues.push({ file: loaded.file, line: pos.line, col: pos.col, path: formatPath(path), message });
  };
  const missing = (file: string, what: string) =>
    issues.push({ file: display(file), line: 1, col: 1, path: "(file)", message: `missing: ${what}` });

  // Sources: one file per platform, id = file name.
  const sources = new Map<string, Source>();
  const sourceFiles = listYaml(join(configDir, "sources"));
  if (sourceFiles.length === 0) missing(join(configDir, "sources"), "no source definitions (sources/*.yaml)");
  for (const file of sourceFiles) {
    const { loaded, value } = check(file, Source);
    if (!value) continue;
    const expected = basename(file).replace(/\.ya?ml$/, "");
    if (value.id !== expected)
      issueAt(loaded, ["id"], `id "${value.id}" must equal the file name "${expected}"`);
    else sources.set(value.id, value);
  }

  // Brands, and the sources they reference.
  const brandsPath = join(configDir, "rules", "brands.yaml");
  let brands: BrandsFile["brands"] = [];
  if (!existsSync(brandsPath)) missing(brandsPath, "the brands to watch (rules/brands.yaml)");
  else {
    const { loaded, value } = check(brandsPath, BrandsFile);
    if (value) {
      brands = value.brands;
      const ids = new Set<string>();
      value.brands.forEach((brand, bi) => {
        if (ids.has(brand.id)) issueAt(loaded, ["brands", bi, "id"], `duplicate brand id "${brand.id}"`);
        ids.add(brand.id);
        brand.targets.forEach((t, ti) => {
          const src = sources.get(t.source);
          const at = ["brands", bi, "targets", ti, "source"];
          if (!src) {
            if (!sourceFiles.some((f) => basename(f).replace(/\.ya?ml$/, "") === t.source))
              issueAt(
                loaded,
                at,
                `unknown source id "${t.source}" (known: ${[...sources.keys()].join(", ")})`,
              );
          } else if (t.id && !src.targetUrl) {
            issueAt(
              loaded,
              ["brands", bi, "targets", ti, "id"],
              `source "${t.source}" has no targetUrl: give a url`,
            );
          }
        });
      });
    }
  }

  // Alerts: rules reference notifiers by id.
  const alertsPath = join(configDir, "rules", "alerts.yaml");
  let alerts: AlertsFile = { notifiers: [{ id: "console", type: "console" }], rules: [] };
  if (!existsSync(alertsPath)) missing(alertsPath, "the alert rules (rules/alerts.yaml)");
  else {
    const { loaded, value } = check(alertsPath, AlertsFile);
    if (value) {
      alerts = value;
      const notifierIds = new Set(value.notifiers.map((n) => n.id));
      const brandIds = new Set(brands.map((b) => b.id));
      const ruleIds = new Set<string>();
      value.rules.forEach((rule, ri) => {
        if (ruleIds.has(rule.id)) issueAt(loaded, ["rules", ri, "id"], `duplicate rule id "${rule.id}"`);
        ruleIds.add(rule.id);
        rule.notify.forEach((n, ni) => {
          if (!notifierIds.has(n)) issueAt(loaded, ["rules", ri, "notify", ni], `unknown notifier "${n}"`);
        });
        rule.match.brands?.forEach((b, i) => {
          if (brands.length && !brandIds.has(b))
            issueAt(loaded, ["rules", ri, "match", "brands", i], `unknown brand "${b}"`);
        });
        rule.match.platforms?.forEach((p, i) => {
          if (!sources.has(p))
            issueAt(loaded, ["rules", ri, "match", "platforms", i], `unknown source "${p}"`);
        });
      });
    }
  }

  // Lexicons: language = file name.
  const lexicons = new Map<string, LexiconFile>();
  for (const file of listYaml(join(configDir, "rules", "lexicon"))) {
    const { loaded, value } = check(file, LexiconFile);
    if (!value) continue;
    const expected = basename(file).replace(/\.ya?ml$/, "");
    if (value.language !== expected)
      issueAt(loaded, ["language"], `language "${value.language}" must equal the file name "${expected}"`);
    else lexicons.set(value.language, value);
  }

  // Risk flags (optional file).
  const riskPath = join(configDir, "rules", "risk.yaml");
  const risk = existsSync(riskPath) ? check(riskPath, RiskFile).value : undefined;

  // Weekly digest (optional file): the brands it names must exist.
  const digestPath = join(configDir, "rules", "digest.yaml");
  let digest = DEFAULT_DIGEST;
  if (existsSync(digestPath)) {
    const { loaded, value } = check(digestPath, DigestFile);
    if (value) {
      digest = value;
      const brandIds = new Set(brands.map((b) => b.id));
      const known = (ids: string[] | undefined, path: (string | number)[]) => {
        ids?.forEach((id, i) => {
          if (brands.length && !brandIds.has(id))
            issueAt(loaded, [...path, i], `unknown brand "${id}" (known: ${[...brandIds].join(", ")})`);
        });
      };
      known(value.brands, ["brands"]);
      known(value.competitors, ["competitors"]);
      value.channels.forEach((c, ci) => {
        known(c.brands, ["channels", ci, "brands"]);
      });
    }
  }

  if (issues.length > 0) throw new ConfigError(sortIssues(issues));
  return { configDir, sources, brands, alerts, lexicons, risk, digest };
}

function secretIssues(loaded: LoadedYaml): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  loaded.eachString((value, path) => {
    for (const s of SECRET_PATTERNS) {
      if (s.pattern.test(value)) {
        const pos = loaded.positionOf(path);
        out.push({
          file: loaded.file,
          line: pos.line,
          col: pos.col,
          path: formatPath(path),
          message: `looks like ${s.what}: secrets are read only from the environment — remove it here and set ${s.envVar}`,
        });
      }
    }
  });
  return out;
}

function sortIssues(issues: ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}
