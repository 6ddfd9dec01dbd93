/** Types for the few `natural` modules imported by path (its index loads DB clients and prints to stdout). */
interface NaturalStemmer {
  stem(token: string): string;
}
interface NaturalTokenizer {
  tokenize(text: string): string[];
}
type NaturalTokenizerClass = new () => NaturalTokenizer;

declare module "natural/lib/natural/stemmers/porter_stemmer_ru.js" {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
declare module "natural/lib/natural/stemmers/porter_stemmer_uk.js" {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  const stemmer: NaturalStemmer;
  export default stemmer;
}
declare module "natural/lib/natural/tokenizers/aggressive_tokenizer_ru.js" {
  const Tokenizer: NaturalTokenizerClass;
  export default Tokenizer;
}
declare module "natural/lib/natural/tokenizers/aggressive_tokenizer_uk.js" {
  const Tokenizer: NaturalTokenizerClass;
  export default Tokenizer;
}
declare module "natural/lib/natural/tokenizers/aggressive_tokenizer.js" {
  const Tokenizer: NaturalTokenizerClass;
  export default Tokenizer;
}
