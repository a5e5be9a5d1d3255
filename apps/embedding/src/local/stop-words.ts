// The most frequent function words of English, German, French and Spanish. They carry little
// topic, yet would dominate a bag of words; they are down-weighted, not dropped, so that a
// query made only of them ("to be or not to be") still finds something.
const ENGLISH =
  'a an and are as at be been but by can do does for from had has have he her his i if in ' +
  'into is it its me my no not of on or our she so than that the their them then there these ' +
  'they this to too us was we were what when which who will with would you your';
const GERMAN =
  'aber als am an auch auf aus bei bin bis das dass dem den der des die doch du ein eine ' +
  'einem einen einer eines er es für hat ich ihr im in ist ja mit nach nicht noch nur oder ' +
  'sich sie sind so und uns von vor war was wie wir zu zum zur über';
const FRENCH =
  'au aux avec ce ces dans de des du elle en est et eux il ils je la le les leur lui ma mais ' +
  'me mes moi mon ne nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton ' +
  'tu un une vos votre vous été être';
const SPANISH =
  'al como con de del el ella ellos en es esta este fue ha la las le les lo los mas me mi ' +
  'muy no nos o para pero por que se si sin sobre su sus también te tu un una uno y ya';

/** Lower-case, NFKC-normalised stop words of en/de/fr/es. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [ENGLISH, GERMAN, FRENCH, SPANISH].flatMap((list) => list.split(' ')),
);
