/** The language stage, built from the loaded config, in the shapes the pipeline calls. */
import { createAnalyser } from "../analyse/analyser.js";
import { languageResourcesFromConfig } from "../analyse/load-resources.js";
import type { Config } from "../config/load.js";
import { createBrandMatchFn } from "../match/find.js";
import type { Analyse, MatchBrand } from "../pipeline/score.js";

export async function createLanguageStage(
  config: Config,
): Promise<{ analyse: Analyse; matchBrand: MatchBrand }> {
  const resources = await languageResourcesFromConfig([...config.lexicons.values()], config.risk);
  const analyser = createAnalyser(resources);
  return {
    analyse: (m) =>
      analyser({
        text: m.text,
        title: m.title,
        pros: m.pros,
        cons: m.cons,
        rating: m.rating,
        lang: m.language,
        kind: m.kind,
      }),
    matchBrand: createBrandMatchFn(),
  };
}
