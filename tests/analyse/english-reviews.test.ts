/**
 * English review language: service complaints, verdicts, mixed (three-star) wording and base-lexicon
 * words that are not sentiment in reviews. Hand-written sentences, none taken from the datasets.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Analyser } from "../../src/analyse/index.js";
import { shippedAnalyser } from "./resources.js";

let analyse: Analyser;
beforeAll(async () => {
  analyse = await shippedAnalyser();
});
const terms = (text: string) => analyse({ text }).reasons.map((r) => [r.term, Math.sign(r.weight)]);
const weightOf = (text: string, term: string) =>
  analyse({ text }).reasons.find((r) => r.term === term)?.weight ?? 0;

describe("English service complaints", () => {
  it("reads what a company did not do as a complaint", () => {
    expect(weightOf("Two weeks later I have not heard anything from them.", "not heard")).toBeLessThan(0);
    expect(weightOf("They never paid the invoice for my cat's surgery.", "never paid")).toBeLessThan(0);
    expect(
      weightOf("My refund still has not been received, they did not respond.", "not respond"),
    ).toBeLessThan(0);
    expect(
      analyse({ text: "The parcel never arrived and nobody will call back. I can't log in either." }).label,
    ).toBe("negative");
  });

  it("does not score words that only share a stem with a sentiment word", () => {
    // "several" stems to "sever" (as "severe" does), "goods" to "good"
    expect(terms("We ordered several goods from them.")).toEqual([]);
  });

  it("keeps nouns that share a stem with a sentiment word neutral ('likely', 'severance', 'advancement')", () => {
    expect(terms("They will likely pay severance, and career advancement is possible.")).toEqual([]);
    expect(weightOf("Support ghosted me after the first email.", "ghosted")).toBeLessThan(0);
  });

  it("knows devices that stop working", () => {
    expect(analyse({ text: "The speaker stopped working after two months." }).label).toBe("negative");
  });

  it("reads waiting that has not ended as a complaint", () => {
    expect(weightOf("I have yet to see a penny.", "yet to")).toBeLessThan(0);
    expect(weightOf("Why does it take so long to answer an email", "take so long")).toBeLessThan(0);
  });

  it("counts delays and price rises", () => {
    expect(weightOf("Every refund takes way too long.", "too long")).toBeLessThan(0);
    expect(weightOf("The monthly fee went up again this spring.", "went up")).toBeLessThan(0);
    // "increase" alone is no praise in a review about prices
    expect(terms("They increased the fee.").some(([, s]) => s === 1)).toBe(false);
  });

  it("does not count the scene-setting of a complaint as praise", () => {
    expect(
      terms("I tried to reach them as promised; I have been a loyal customer for years.").filter(
        ([, s]) => s !== 0,
      ),
    ).toEqual([]);
    expect(terms("Drop in for a coffee after the market.")).toEqual([]);
    expect(weightOf("The agent dropped the ball on my paperwork.", "dropped the ball")).toBeLessThan(0);
    expect(analyse({ text: "Thanks for nothing." }).label).toBe("negative");
    expect(analyse({ text: "Save yourself the trouble." }).label).toBe("negative");
  });

  it("knows verdicts that warn other customers", () => {
    expect(analyse({ text: "Save your money and go with someone else." }).label).toBe("negative");
    expect(analyse({ text: "Don't waste your time with this shop." }).label).toBe("negative");
    expect(analyse({ text: "If I could give zero stars I would." }).label).toBe("negative");
    expect(weightOf("Unfortunately the order was wrong again.", "unfortunately")).toBeLessThan(0);
  });

  it("keeps praise idioms with a negation positive", () => {
    expect(analyse({ text: "We could not be happier with the new vet plan." }).label).toBe("positive");
  });
});

describe("English mixed and neutral wording", () => {
  it("scores 'not great' mildly, below a plain 'not good' complaint's strength of a strong word", () => {
    const notGreat = weightOf("The burger was not great.", "not great");
    expect(notGreat).toBeLessThan(0);
    expect(notGreat).toBeGreaterThan(weightOf("The burger was terrible.", "terrible"));
  });

  it("reads star ratings written in the text and mild dislikes", () => {
    expect(weightOf("Five stars from me, and from my dog.", "five stars")).toBeGreaterThan(0);
    expect(weightOf("Two stars, the bread was stale.", "two stars")).toBeLessThan(0);
    expect(weightOf("I'm not a fan of the new menu.", "not a fan")).toBeLessThan(0);
    expect(weightOf("I've had better pizza across the street.", "had better")).toBeLessThan(0);
  });

  it("reads 'other than that' as praise for the rest, and suggestions as mild complaints", () => {
    expect(
      weightOf("The app crashed once. Other than that, smooth sailing.", "other than that"),
    ).toBeGreaterThan(0);
    const w = weightOf("The booking page needs to be improved.", "needs to be improved");
    expect(w).toBeLessThan(0);
    expect(w).toBeGreaterThan(-1.5);
  });

  it("reads faint praise ('the only good thing is ...', '... and that's about it') as a complaint", () => {
    expect(weightOf("The only good thing is the parking.", "only good thing")).toBeLessThan(0);
    expect(weightOf("Free coffee, and that's about it.", "that s about it")).toBeLessThan(0);
  });

  it("treats mild approval as mild", () => {
    expect(weightOf("The room was okay.", "okay")).toBeGreaterThan(0);
    expect(weightOf("The room was okay.", "okay")).toBeLessThan(weightOf("The room was great.", "great"));
    expect(weightOf("Decent food, slow service.", "decent")).toBeGreaterThan(0);
  });

  it("does not count hedges and nouns a base lexicon scores as sentiment", () => {
    for (const text of [
      "Hopefully they will call me back.",
      "I contacted customer support about my question.",
      "Please read the fine print.",
      "Sick days are limited to five a year.",
    ]) {
      expect(terms(text).filter(([, s]) => s === 1)).toEqual([]);
    }
  });
});

describe("English negation of strong praise", () => {
  it("makes 'not amazing' a mild complaint, no stronger than 'not good'", () => {
    const notAmazing = analyse({ text: "The pasta was not amazing." }).reasons[0]?.weight ?? 0;
    const notGood = analyse({ text: "The pasta was not good." }).reasons[0]?.weight ?? 0;
    expect(notAmazing).toBeLessThan(0);
    expect(notAmazing).toBeGreaterThanOrEqual(-2);
    expect(analyse({ text: "The pasta was terrible." }).reasons[0]?.weight ?? 0).toBeLessThan(notAmazing);
    expect(notGood).toBeLessThan(0);
  });

  it("keeps the full flip for Russian ('не рекомендую')", () => {
    const w = analyse({ text: "Не рекомендую." }).reasons[0]?.weight ?? 0;
    expect(w).toBeLessThan(-2);
  });
});

describe("English employer and restaurant complaints", () => {
  it("knows how staff say they are treated", () => {
    expect(
      weightOf("Upper management does not care about the warehouse team.", "not care about"),
    ).toBeLessThan(0);
    expect(weightOf("There is no accountability anywhere.", "no accountability")).toBeLessThan(0);
    expect(weightOf("After five years I feel undervalued.", "undervalued")).toBeLessThan(0);
    expect(weightOf("You are just a number to them.", "just a number")).toBeLessThan(0);
  });

  it("knows product complaints AFINN lacks", () => {
    expect(analyse({ text: "The charger is flimsy junk." }).label).toBe("negative");
    expect(analyse({ text: "Two thumbs down for the new app." }).label).toBe("negative");
    expect(analyse({ text: "Dont buy this kettle." }).label).toBe("negative");
    expect(analyse({ text: "We will not be going back to that cafe." }).label).toBe("negative");
    expect(weightOf("The parcel never arrived.", "never arrived")).toBeLessThan(0);
    expect(weightOf("I was so dissapointed with the pizza.", "dissapointed")).toBeLessThan(0);
  });

  it("knows food and order complaints", () => {
    expect(weightOf("The soup was cold and had no flavor.", "was cold")).toBeLessThan(0);
    expect(weightOf("The soup was cold and had no flavor.", "no flavor")).toBeLessThan(0);
    expect(weightOf("They got my order wrong twice.", "order wrong")).toBeLessThan(0);
  });
});

describe("English words a base lexicon scores that reviews use otherwise", () => {
  it("does not count a sarcastic 'wow', a device's alarm or an insured pet's illness", () => {
    expect(terms("Wow. The alarm went off at six.")).toEqual([]);
    expect(terms("Her illness was covered in full.").filter(([, s]) => s === -1)).toEqual([]);
    expect(terms("The accident and infection cover came with fire-roasted coffee.")).toEqual([]);
    expect(weightOf("They fired half the team.", "fired")).toBeLessThan(0);
  });

  it("reads 'expected better' and 'you can do better' as complaints", () => {
    expect(weightOf("Honestly I expected better from them.", "expected better")).toBeLessThan(0);
    expect(weightOf("Come on, you can do better.", "do better")).toBeLessThan(0);
  });
});

describe("English: a problem put right", () => {
  it("reads a fixed problem as praise", () => {
    expect(
      analyse({ text: "There was a problem with my order, and they fixed it the same day." }).label,
    ).not.toBe("negative");
    expect(weightOf("Support came through in the end.", "came through")).toBeGreaterThan(0);
  });
});

describe("English praise idioms built on a negation", () => {
  it("reads them as praise, and their complaint twins as complaints", () => {
    expect(analyse({ text: "I can't recommend them enough." }).label).toBe("positive");
    expect(analyse({ text: "Cannot say enough good things about the nurses." }).label).toBe("positive");
    expect(analyse({ text: "We could not be more pleased with the repair." }).label).toBe("positive");
    expect(analyse({ text: "I could not be more disappointed with the repair." }).label).toBe("negative");
    expect(analyse({ text: "I cannot recommend this garage." }).label).toBe("negative");
    expect(analyse({ text: "I have never been more disappointed in a hotel." }).label).toBe("negative");
    expect(analyse({ text: "The new model is nowhere near as good." }).label).toBe("negative");
  });
});

describe("English 'like'", () => {
  it("scores the verb, not the preposition", () => {
    expect(terms("The waiters act like they own the place.")).toEqual([]);
    expect(weightOf("I really like their soups.", "i really like")).toBeGreaterThan(0);
    expect(weightOf("She liked the patio.", "liked")).toBeGreaterThan(0);
    expect(weightOf("I didn't like the new menu.", "not like")).toBeLessThan(0);
  });
});

describe("English short words", () => {
  it("scores words of three letters ('bad', 'fun', 'sad') that the base-lexicon loader skips", () => {
    expect(analyse({ text: "The coffee was bad." }).label).toBe("negative");
    expect(analyse({ text: "What a fun evening." }).label).toBe("positive");
    expect(weightOf("Sad to see it go downhill.", "sad")).toBeLessThan(0);
  });

  it("reads 'my only complaint' as one small flaw, not a verdict", () => {
    const only = weightOf("My only complaint is the parking.", "only complaint");
    expect(only).toBeLessThan(0);
    expect(only).toBeGreaterThan(-1);
    expect(analyse({ text: "Lovely staff and great cakes. My only complaint is the parking." }).label).toBe(
      "positive",
    );
  });
});

describe("English middling titles", () => {
  it("holds a review whose own title says 'so-so' at neutral despite a list of cons", () => {
    const text =
      "Just OK\nPros: Decent pay and nice coworkers\nCons: Long hours, slow promotions, outdated tools, poor communication between teams and too many meetings.";
    const a = analyse({ text });
    expect(a.label).toBe("neutral");
    expect(a.reasons.some((r) => r.note === "middling verdict")).toBe(true);
  });

  it("reads hedged titles as middling verdicts too", () => {
    const middlingTitle = (title: string) =>
      analyse({
        text: `${title}\nPros: Friendly team and a short commute\nCons: Slow promotions and a noisy open office.`,
      }).reasons.some((r) => r.note === "middling verdict");
    for (const title of [
      "Not great, not bad",
      "Not bad but not great",
      "Good, not great",
      "Okay but not amazing",
      "Not for everyone",
      "Depends on your manager",
      "It depends on the team",
      "About what you'd expect",
      "It's a job",
      "Could be better, could be worse",
      "Ups and downs",
      "Mediocre",
      "The gym is okay",
      "Pay was decent",
    ]) {
      expect(middlingTitle(title), title).toBe(true);
    }
    for (const title of ["Not great", "Not good at all", "Good but not for long", "Great job"]) {
      expect(middlingTitle(title), title).toBe(false);
    }
  });

  it("holds a hedged title over a list of cons at neutral", () => {
    const a = analyse({
      text: "Not bad but not great\nPros: Decent pay and nice coworkers\nCons: Long hours, slow promotions, outdated tools, poor communication between teams and too many meetings.",
    });
    expect(a.label).toBe("neutral");
  });

  it("leaves other titles alone", () => {
    const a = analyse({
      text: "Just OK, until they lost my claim\nThey lost my claim twice and never called back.",
    });
    expect(a.reasons.some((r) => r.note === "middling verdict")).toBe(false);
  });
});

describe("English texts that state a middling rating", () => {
  const middling = (text: string) => analyse({ text }).reasons.some((r) => r.note === "middling verdict");

  it("holds a complaint whose author gives it three stars at neutral", () => {
    const text =
      "The pasta came out lukewarm and our server forgot the bread twice. Three stars because the patio is lovely and the wine list is good.";
    const a = analyse({ text });
    expect(middling(text)).toBe(true);
    expect(a.label).toBe("neutral");
    expect(middling("Solid 3/5 for me, the rooms are small and the breakfast is so-so.")).toBe(true);
    expect(middling("I'm torn about this gym: filthy showers, but the trainers are great.")).toBe(true);
    expect(middling("The bakery is hit or miss: stale croissants one day, perfect ones the next.")).toBe(
      true,
    );
    expect(middling("Slow checkout and a noisy lobby. Overall, it's okay for one night.")).toBe(true);
  });

  it("counts a review written before the service was used at half", () => {
    expect(middling("Signed up last week and haven't had to use it yet, but the premium is steep.")).toBe(
      true,
    );
    expect(middling("Too early to tell. The app was slow to load my documents.")).toBe(true);
    expect(middling("I can't give a fair review, we have not filed a claim yet.")).toBe(true);
    expect(middling("It's too premature for me to judge, the first bill was higher than quoted.")).toBe(true);
    expect(middling("Honestly the spa was neither good nor bad, the sauna was cold.")).toBe(true);
    expect(middling("I used it twice and it was slow both times.")).toBe(false);
  });

  it("does not take a bound or a denial for a rating", () => {
    expect(middling("Not even 3 stars. The tyres were fitted wrong and nobody apologised.")).toBe(false);
    expect(middling("Worth more than 3 stars, they fixed my bike the same day.")).toBe(false);
    expect(
      analyse({
        text: "Not even 3 stars. The tyres were fitted wrong, they were rude and nobody apologised.",
      }).label,
    ).toBe("negative");
  });
});

describe("English overall verdicts", () => {
  it("weighs a sentence that opens as the overall verdict more than the story before it", () => {
    const story = "The check-in took a while and the lift was out of order.";
    const plain = analyse({ text: `${story} The staff were friendly.` });
    const verdict = analyse({ text: `${story} Overall, the staff were friendly.` });
    const weight = (a: typeof plain) => a.reasons.find((r) => r.term === "friendly")?.weight ?? 0;
    expect(weight(verdict)).toBeGreaterThan(weight(plain));
    expect(verdict.score).toBeGreaterThan(plain.score);
  });

  it("leaves 'overall' inside a sentence alone", () => {
    const a = analyse({ text: "The overall price was fair." });
    const b = analyse({ text: "The price was fair." });
    expect(a.reasons.find((r) => r.term === "fair")?.weight).toBe(
      b.reasons.find((r) => r.term === "fair")?.weight,
    );
  });
});

describe("English negation through 'or' and 'nor'", () => {
  it("carries a negation on to the next sentiment word after 'or'", () => {
    expect(weightOf("The lockers were not clean or safe.", "or … safe")).toBeLessThan(0);
    // "not great or horrible" is a middling verdict, not a complaint about horror
    expect(weightOf("Honestly: not great or horrible.", "or … horrible")).toBeGreaterThan(0);
  });

  it("does not carry it over 'and'", () => {
    expect(weightOf("The lockers were not clean and the pool was lovely.", "lovely")).toBeGreaterThan(0);
  });
});

describe("English verdicts against a company", () => {
  it("reads 'there are better …' as a complaint, not praise", () => {
    expect(weightOf("There are better gyms in this town.", "there are better")).toBeLessThan(0);
    expect(weightOf("You can find better coffee two doors down.", "can find better")).toBeLessThan(0);
  });
});

describe("English complaints that name what should not have happened", () => {
  it("reads 'it shouldn't take…', regret and delays 'longer than necessary' as complaints", () => {
    expect(
      analyse({ text: "It shouldn't take two months to be paid back for a dental cleaning." }).label,
    ).toBe("negative");
    expect(weightOf("We should have gone with the other bakery.", "should have gone with")).toBeLessThan(0);
    expect(weightOf("Repairs are taking longer than necessary.", "longer than necessary")).toBeLessThan(0);
    expect(weightOf("Charging me twice was uncalled for.", "uncalled for")).toBeLessThan(0);
    expect(weightOf("The smell in the lobby put me off.", "put me off")).toBeLessThan(0);
  });

  it("reads 'nothing came' and 'no one answers' as complaints", () => {
    expect(analyse({ text: "Three weeks on and I have received nothing from the shop." }).label).toBe(
      "negative",
    );
    expect(weightOf("You call and no one answers.", "no one answers")).toBeLessThan(0);
    expect(weightOf("Staff are friendly but no one cares about the backlog.", "no one cares")).toBeLessThan(
      0,
    );
  });

  it("reads doubled prices like raised ones", () => {
    expect(weightOf("They doubled my premium at renewal.", "doubled my premium")).toBeLessThan(0);
    expect(weightOf("Our rates doubled in a year.", "rates doubled")).toBeLessThan(0);
  });

  it("does not read advice to find another company as a recommendation", () => {
    expect(terms("I would recommend finding a gym with longer opening hours.").some(([, s]) => s === 1)).toBe(
      false,
    );
    expect(weightOf("I'd recommend looking elsewhere.", "recommend looking elsewhere")).toBeLessThan(0);
  });

  it("reads 'I can't be more grateful' and 'I could not recommend them more' as praise", () => {
    expect(weightOf("I cannot be more grateful to the nurses.", "cannot be more grateful")).toBeGreaterThan(
      0,
    );
    expect(weightOf("I can't be more pleased with the result.", "not be more pleased")).toBeGreaterThan(0);
    expect(weightOf("I could not recommend them more.", "not recommend them more")).toBeGreaterThan(0);
  });
});

describe("English praise in excess and negated noun phrases", () => {
  it("reads praise after 'too' or 'overly' as a mild complaint", () => {
    expect(weightOf("The icing was too sweet for me.", "sweet")).toBeLessThan(0);
    expect(weightOf("The waiter was overly friendly.", "friendly")).toBeLessThan(0);
    // "not too bad" stays a phrase of mild praise
    expect(weightOf("The wait was not too bad.", "not too bad")).toBeGreaterThan(0);
  });

  it("lets a negation cover the praise word right after the one it negates", () => {
    const a = analyse({ text: "The agent was not a great help." });
    expect(a.reasons.filter((r) => r.weight > 0)).toEqual([]);
    expect(a.reasons.find((r) => r.term === "great … help")?.weight).toBeLessThan(0);
  });
});

describe("English negative concord", () => {
  it("reads 'no one' / 'no' after a 'not' as one negation, as colloquial English means it", () => {
    expect(weightOf("I can't get no one to answer the phone.", "no one to answer")).toBeLessThan(0);
    expect(weightOf("We didn't have no complaints at all.", "no complaints")).toBeGreaterThan(0);
    expect(
      weightOf("We should have just gone with the other movers.", "should have just gone with"),
    ).toBeLessThan(0);
  });

  it("keeps a 'not' after 'nothing' a double negation ('nothing I don't like')", () => {
    expect(analyse({ text: "Great picture and nothing I don't like." }).label).toBe("positive");
  });
});

describe("English contrast", () => {
  it("halves the praise before 'but' and keeps the complaint after it at its own weight", () => {
    const alone = weightOf("The room was noisy.", "noisy");
    const a = analyse({ text: "The staff were lovely but the room was noisy." });
    expect(a.reasons.find((r) => r.term === "noisy")?.weight).toBe(alone);
    expect(a.reasons.find((r) => r.term === "lovely")?.weight).toBe(
      weightOf("The staff were lovely.", "lovely") / 2,
    );
  });

  it("reads a parcel that did not arrive as a complaint", () => {
    expect(weightOf("The second box did not arrive.", "not arrive")).toBeLessThan(0);
  });
});

describe("English device complaints and second-hand recommendations", () => {
  it("reads a device or app that cannot be made to work as a complaint", () => {
    expect(weightOf("I can't get it to work with my router.", "not get it to work")).toBeLessThan(0);
    expect(weightOf("We cant figure out the settings.", "cant figure out")).toBeLessThan(0);
    expect(weightOf("The printer will not connect to the laptop.", "not connect")).toBeLessThan(0);
    expect(weightOf("I haven't been able to pair the headphones.", "not been able to")).toBeLessThan(0);
    expect(weightOf("Not quite what the photos showed.", "not quite what")).toBeLessThan(0);
    expect(weightOf("Total wastage of money.", "wastage of money")).toBeLessThan(0);
  });

  it("does not count a recommendation someone else gave as the author's praise", () => {
    expect(terms("The plan was recommended to me by my vet.").some(([, s]) => s === 1)).toBe(false);
  });
});

describe("English sarcastic thanks and giving up", () => {
  it("reads sarcastic thanks, low quality and giving up on a business as complaints", () => {
    expect(weightOf("Thanks for wasting my afternoon.", "thanks for wasting")).toBeLessThan(0);
    expect(weightOf("Low quality stitching on both bags.", "low quality")).toBeLessThan(0);
    expect(weightOf("The clerk had no clue about the return policy.", "no clue")).toBeLessThan(0);
    expect(weightOf("That was money out the window.", "money out the window")).toBeLessThan(0);
    expect(weightOf("After the third mix-up we are done with them.", "done with them")).toBeLessThan(0);
    expect(weightOf("Saturday mornings the store is a madhouse.", "madhouse")).toBeLessThan(0);
  });
});

describe("English 'works well'", () => {
  it("reads 'works well' and 'doing pretty well' as praise and their negation as a complaint", () => {
    expect(weightOf("The blender works well.", "works well")).toBeGreaterThan(0);
    expect(weightOf("The clinic is doing pretty well.", "doing pretty well")).toBeGreaterThan(0);
    expect(analyse({ text: "The remote doesn't work well." }).reasons[0]?.weight).toBeLessThan(0);
  });
});
