/**
 * Style words that chat models overuse, by language, for the provenance score's `styleRate` feature.
 * English is the Kobak et al. 2024 list the `excessVocabulary` metric already uses (one list, not a copy).
 * The others are the same kind of words (evaluative adjectives, connective adverbs, "delve"-like verbs)
 * in Indonesian, Chinese, German and Russian, taken from the phrasing chat models use when asked the
 * same questions; they are a lexicon, not weights: how much a rate of them counts is learnt by
 * scripts/train-provenance.ts, and the training report says how much it helps on corpora left out.
 * Chinese has no spaces, so its entries are matched as substrings; the other languages as whole words.
 */
import { KOBAK_STYLE_WORDS } from '../metrics/excess-vocabulary';

export const STYLE_WORDS_BY_LANGUAGE: Readonly<Record<string, readonly string[]>> = {
  en: [
    ...KOBAK_STYLE_WORDS,
    'furthermore', 'moreover', 'overall', 'ultimately', 'essential', 'vital', 'various', 'ensure', 'ensuring',
    'enhance', 'enhances', 'utilize', 'utilizing', 'robust', 'valuable', 'significant', 'significantly',
    'however', 'consequently', 'importantly', 'specifically', 'effectively', 'efficiently',
  ],
  id: [
    'selain', 'namun', 'penting', 'secara', 'keseluruhan', 'memastikan', 'meningkatkan', 'signifikan',
    'berbagai', 'efektif', 'demikian', 'membantu', 'mengembangkan', 'memberikan', 'kesimpulannya', 'khususnya', 'terutama',
  ],
  de: [
    'zudem', 'darüber', 'hinaus', 'insgesamt', 'letztendlich', 'wesentlich', 'wesentliche', 'entscheidend',
    'entscheidende', 'vielfältig', 'vielfältige', 'umfassend', 'umfassende', 'maßgeblich', 'zentrale',
    'bedeutend', 'bedeutende', 'sicherzustellen', 'gewährleisten', 'verschiedene', 'zusätzlich', 'effektiv',
  ],
  ru: [
    'кроме', 'однако', 'важно', 'важную', 'ключевую', 'ключевой', 'значительно',
    'значительный', 'различные', 'эффективно', 'обеспечить', 'обеспечивает', 'итоге', 'целом', 'таким',
    'образом', 'уникальный', 'разнообразные', 'подчеркивает',
  ],
  zh: [
    '此外', '总之', '总的来说', '综上所述', '然而', '首先', '其次', '最后', '重要', '关键', '确保',
    '有效', '各种', '帮助', '建议', '需要注意', '方面',
  ],
};
