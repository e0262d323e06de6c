import { z } from 'zod';

/**
 * The deadlines a legal basis imposes on a decision, as data so a municipality's own catalogue entries can
 * carry them too. Derived into dates by `deriveDeadlines` (shared/catalogue/deadlines).
 */
export const deadlineRuleSchema = z.discriminatedUnion('kind', [
  /** Lapses unless the council ratifies it at its next meeting (noodverordening, art. 176). */
  z.strictObject({ kind: z.literal('council-ratification') }),
  /** The measure ends at most this many hours after it was decided. */
  z.strictObject({ kind: z.literal('maximum-duration'), hours: z.number().int().positive() }),
  /** What the measure produces (camera images) is kept at most this many days. */
  z.strictObject({ kind: z.literal('retention-limit'), days: z.number().int().positive() }),
]);
export const deadlineRulesSchema = z.array(deadlineRuleSchema);
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

/**
 * Whom the law says to tell of a decision on a basis. Recording such a decision adds one task per recipient to
 * the action list, so an unsent notice stays visible until it is done.
 */
export interface DutyToInform {
  /** Where the duty is written, for the task's text. */
  citation: string;
  /** Dutch, as the task names them ("de gemeenteraad"). */
  recipients: readonly string[];
  /**
   * The law says "zo spoedig mogelijk"; the task is due this many hours after the decision, so a notice not
   * yet sent shows as overdue on the same evening instead of never.
   */
  withinHours: number;
  /**
   * The duty is the mayor's, but the team's action list tracks who prepares and sends the notice: the
   * OOV-adviseur, who keeps the log.
   */
  ownerRoleId: string;
}

export interface LegalBasisDefinition {
  id: string;
  ordinal: number;
  citation: string;
  name: string;
  description: string;
  deadlineRules: DeadlineRule[];
  dutyToInform?: DutyToInform;
}

/**
 * The mayor's powers (Gemeentewet unless named otherwise). Check the current law text before relying on a detail.
 * Items added later share the ordinal of the item they belong beside (ties sort by id), so a vault seeded
 * before they existed shows them in the same place as a new vault does.
 */
export const defaultLegalBases: readonly LegalBasisDefinition[] = [
  {
    id: 'gemw-172-1',
    ordinal: 1,
    citation: 'Gemeentewet art. 172 lid 1',
    name: 'Handhaving van de openbare orde',
    description: 'De algemene taak van de burgemeester. Geeft zelf geen bevoegdheid om grondrechten te beperken; kies daarvoor een specifieke grondslag.',
    deadlineRules: [],
  },
  {
    id: 'gemw-172-2',
    ordinal: 1,
    citation: 'Gemeentewet art. 172 lid 2',
    name: 'Overtredingen beletten of beëindigen',
    description: 'Overtredingen van wettelijke voorschriften over de openbare orde beletten of beëindigen, met de politie die onder het gezag van de burgemeester staat.',
    deadlineRules: [],
  },
  {
    id: 'gemw-172-3',
    ordinal: 1,
    citation: 'Gemeentewet art. 172 lid 3',
    name: 'Lichte bevelsbevoegdheid',
    description: 'Bevelen die nodig zijn om de orde te handhaven, bij een verstoring of bij ernstige vrees daarvoor.',
    deadlineRules: [],
  },
  {
    id: 'gemw-172a',
    ordinal: 2,
    citation: 'Gemeentewet art. 172a',
    name: 'Gebiedsverbod, groepsverbod, meldplicht',
    description: 'Maatregel tegen wie herhaaldelijk de orde verstoort of daarbij een leidende rol heeft (Wet MBVEO).',
    deadlineRules: [],
  },
  {
    id: 'gemw-172b',
    ordinal: 3,
    citation: 'Gemeentewet art. 172b',
    name: 'Bevel aan ouders',
    description: 'Bevel aan ouders of verzorgers van een kind onder de twaalf dat herhaaldelijk de orde verstoort. Zelden gebruikt.',
    deadlineRules: [],
  },
  {
    id: 'gemw-174',
    ordinal: 4,
    citation: 'Gemeentewet art. 174',
    name: 'Toezicht op samenkomsten en openbare gebouwen',
    description: 'Toezicht op openbare samenkomsten en voor publiek toegankelijke gebouwen, met de bevelen die daarvoor nodig zijn.',
    deadlineRules: [],
  },
  {
    id: 'gemw-174a',
    ordinal: 4,
    citation: 'Gemeentewet art. 174a',
    name: 'Sluiting van een woning of lokaal',
    description: 'Een woning, een niet voor publiek toegankelijk lokaal of een erf sluiten als gedragingen daar de openbare orde eromheen verstoren, of bij ernstig geweld of een aangetroffen wapen. De burgemeester bepaalt de duur.',
    deadlineRules: [],
  },
  {
    id: 'gemw-175',
    ordinal: 5,
    citation: 'Gemeentewet art. 175',
    name: 'Noodbevel',
    description: 'Bevel aan bepaalde personen bij oproerige beweging, ernstige wanordelijkheden of ernstige vrees daarvoor.',
    deadlineRules: [],
  },
  {
    id: 'gemw-176',
    ordinal: 6,
    citation: 'Gemeentewet art. 176',
    name: 'Noodverordening',
    description:
      'Algemene regels bij oproer, ernstige wanordelijkheden of ernstige vrees daarvoor. Direct melden aan de raad, de Commissaris van de Koning en de hoofdofficier; vervalt als de raad haar niet in de eerstvolgende vergadering bekrachtigt.',
    deadlineRules: [{ kind: 'council-ratification' }],
    dutyToInform: {
      citation: 'Gemeentewet art. 176 lid 2',
      recipients: ['de gemeenteraad', 'de Commissaris van de Koning', 'de hoofdofficier van justitie'],
      withinHours: 2,
      ownerRoleId: 'oov-adviseur',
    },
  },
  {
    id: 'gemw-151b',
    ordinal: 7,
    citation: 'Gemeentewet art. 151b',
    name: 'Veiligheidsrisicogebied',
    description: 'Aanwijzing van een gebied waarin preventief gefouilleerd mag worden; de officier van justitie beveelt het fouilleren.',
    deadlineRules: [],
  },
  {
    id: 'gemw-174b',
    ordinal: 8,
    citation: 'Gemeentewet art. 174b',
    name: 'Spoedaanwijzing veiligheidsrisicogebied',
    description: 'Aanwijzing bij spoed zonder voorafgaande regeling van de raad; geldt ten hoogste twaalf uur.',
    deadlineRules: [{ kind: 'maximum-duration', hours: 12 }],
  },
  {
    id: 'gemw-151c',
    ordinal: 9,
    citation: 'Gemeentewet art. 151c',
    name: 'Cameratoezicht',
    description: 'Vaste of mobiele camera’s op openbare plaatsen; beelden worden ten hoogste vier weken bewaard.',
    deadlineRules: [{ kind: 'retention-limit', days: 28 }],
  },
  {
    id: 'gemw-154a',
    ordinal: 10,
    citation: 'Gemeentewet art. 154a',
    name: 'Bestuurlijke ophouding (verordening)',
    description: 'Groepen die een aangewezen regel van de gemeentelijke verordening overtreden ophouden; ten hoogste twaalf uur.',
    deadlineRules: [{ kind: 'maximum-duration', hours: 12 }],
  },
  {
    id: 'gemw-176a',
    ordinal: 11,
    citation: 'Gemeentewet art. 176a',
    name: 'Bestuurlijke ophouding (noodverordening)',
    description: 'Groepen die de noodverordening overtreden ophouden; ten hoogste twaalf uur.',
    deadlineRules: [{ kind: 'maximum-duration', hours: 12 }],
  },
  {
    id: 'wom-5-7',
    ordinal: 12,
    citation: 'Wet openbare manifestaties art. 5–7',
    name: 'Voorschriften, beperkingen, verbod of beëindiging van een betoging',
    description: 'Alleen ter bescherming van gezondheid, verkeer of orde; nooit vanwege de inhoud van wat wordt uitgedragen.',
    deadlineRules: [],
  },
  {
    id: 'politiewet-12',
    ordinal: 13,
    citation: 'Politiewet 2012 art. 12',
    name: 'Gezag over de politie',
    description: 'Bij de handhaving van de openbare orde staat de politie onder gezag van de burgemeester, die haar de nodige aanwijzingen geeft (inzet, aanwezigheid).',
    deadlineRules: [],
  },
  {
    id: 'wvr-39',
    ordinal: 14,
    citation: 'Wet veiligheidsregio’s art. 39',
    name: 'Opschaling naar de voorzitter van de veiligheidsregio',
    description: 'Bij een crisis van meer dan plaatselijke betekenis (of ernstige vrees daarvoor) oefent de voorzitter van de veiligheidsregio de noodbevoegdheden van de betrokken burgemeesters uit.',
    deadlineRules: [],
  },
];

/** The duty to inform that comes with a basis of the default catalogue, if any. */
export function dutyToInformOf(legalBasisId: string | null): DutyToInform | null {
  return defaultLegalBases.find((basis) => basis.id === legalBasisId)?.dutyToInform ?? null;
}
