/**
 * The container and Kubernetes files, checked without docker or a cluster (neither runs here): the
 * manifests parse (the `yaml` package) and say what operations rely on; the Dockerfile has the stages,
 * user, init and health check the README promises. hadolint runs when installed (Debian does not ship it).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import cron from "node-cron";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { ROOT } from "../helpers/cli.js";

const K8S = join(ROOT, "deploy", "kubernetes");
// biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field below
type Doc = any;

function docs(): Doc[] {
  const out: Doc[] = [];
  for (const f of readdirSync(K8S).filter((n) => n.endsWith(".yaml"))) {
    for (const d of parseAllDocuments(readFileSync(join(K8S, f), "utf8"))) {
      expect(d.errors, f).toEqual([]);
      out.push(d.toJS());
    }
  }
  return out;
}
const kind = (k: string) => docs().filter((d) => d?.kind === k);
const graceOf = (args: string[]) => Number(args[args.indexOf("--grace-seconds") + 1]);

describe("deploy/kubernetes", () => {
  it("a CronJob for `repwatch run`: Forbid, deadlines, time zone, resources, secrets", () => {
    const [job] = kind("CronJob");
    expect(job.apiVersion).toBe("batch/v1");
    const s = job.spec;
    expect(s.concurrencyPolicy).toBe("Forbid");
    expect(cron.validate(s.schedule)).toBe(true);
    expect(() => new Intl.DateTimeFormat("en", { timeZone: s.timeZone })).not.toThrow();
    expect(s.startingDeadlineSeconds).toBeGreaterThan(0);
    expect(s.jobTemplate.spec.activeDeadlineSeconds).toBeGreaterThan(0);
    const pod = s.jobTemplate.spec.template.spec;
    expect(pod.restartPolicy).toBe("Never");
    const [c] = pod.containers;
    expect(c.args).toContain("run");
    // the shutdown grace fits inside the pod's termination grace, with time left to clean up
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(graceOf(c.args) + 5);
    expect(c.resources.requests.memory).toBeDefined();
    expect(c.resources.limits.memory).toBeDefined();
    expect(c.envFrom).toContainEqual({ secretRef: { name: "repwatch-secrets" } });
  });

  it("a Deployment for `repwatch daemon` with /healthz probes on the metrics port", () => {
    const [dep] = kind("Deployment");
    const pod = dep.spec.template.spec;
    const [c] = pod.containers;
    expect(c.args).toContain("daemon");
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(graceOf(c.args) + 5);
    const port = c.ports.find((p: Doc) => p.name === "metrics").containerPort;
    const env = kind("ConfigMap").find((m) => m.metadata.name === "repwatch-env").data;
    expect(Number(env.REPWATCH_METRICS_PORT)).toBe(port);
    expect(env.REPWATCH_STORE).toBe("mongodb");
    for (const probe of [c.livenessProbe, c.readinessProbe])
      expect(probe.httpGet).toMatchObject({ path: "/healthz" });
    expect(dep.spec.template.metadata.annotations["prometheus.io/port"]).toBe(String(port));
    expect(c.envFrom).toContainEqual({ secretRef: { name: "repwatch-secrets" } });
  });

  it("a Secret with SLACK_BOT_TOKEN and MONGODB_URI; kustomization lists every file", () => {
    const [secret] = kind("Secret");
    expect(Object.keys(secret.stringData).sort()).toEqual(["MONGODB_URI", "SLACK_BOT_TOKEN"]);
    const [k] = kind("Kustomization");
    const files = readdirSync(K8S).filter((n) => n.endsWith(".yaml") && n !== "kustomization.yaml");
    expect([...k.resources].sort()).toEqual(files.sort());
  });
});

describe("docker-compose.yml", () => {
  it("runs `repwatch run` (one-shot) and, in the daemon profile, `repwatch daemon` on MongoDB", () => {
    const compose = parse(readFileSync(join(ROOT, "docker-compose.yml"), "utf8"));
    const run = compose.services.repwatch;
    const daemon = compose.services["repwatch-daemon"];
    expect(run.command).toContain("run");
    expect(daemon.command).toContain("daemon");
    expect(daemon.profiles).toEqual(["daemon"]);
    for (const s of [run, daemon]) {
      expect(s.environment.REPWATCH_STORE).toBe("mongodb");
      expect(s.depends_on.mongo.condition).toBe("service_healthy");
    }
  });
});

describe("Dockerfile", () => {
  const text = readFileSync(join(ROOT, "Dockerfile"), "utf8");
  it("multi-stage on Node 22 slim, Debian chromium, tini, non-root, a HEALTHCHECK that exists", () => {
    const froms = text.match(/^FROM .*/gm) ?? [];
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const f of froms) expect(f).toMatch(/node:22[\w.-]*-slim/);
    expect(text).toMatch(/apt-get install[^\n]*\bchromium\b[^\n]*\btini\b/);
    expect(text).toMatch(/^USER 1000:1000$/m);
    expect(text).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    const health = /^HEALTHCHECK [^\n]*\\\n\s*CMD \["node", "\/app\/dist\/([^"]+)\.js"\]/m.exec(text);
    expect(health).not.toBeNull();
    expect(existsSync(join(ROOT, "src", `${health![1]}.ts`))).toBe(true);
  });

  const hadolint = spawnSync("hadolint", ["--version"]).status === 0;
  it.skipIf(!hadolint)("passes hadolint", () => {
    const res = spawnSync("hadolint", [join(ROOT, "Dockerfile")], { encoding: "utf8" });
    expect(res.stdout + res.stderr).toBe("");
    expect(res.status).toBe(0);
  });
});
