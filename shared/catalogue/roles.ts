/** Roles a person can hold in a case team. Who held which role when stays visible, across shift changes. */
export interface CaseRoleDefinition {
  id: string;
  ordinal: number;
  name: string;
  description: string;
  /**
   * One holder at a time: a second simultaneous holder needs an explicit confirmation. These are the roles
   * where two holders would split an accountability or a line the team relies on: the mayor and the
   * prosecutor of the driehoek, the OOV-adviseur who keeps the log, the one communication line (the Haren
   * inquiry), the one information picture. Roles that stand for an organisation's several people (police,
   * youth work, schools, platforms) and supporting roles (minute-taker, plotter) can have several.
   */
  singleHolder: boolean;
}

export const defaultCaseRoles: readonly CaseRoleDefinition[] = [
  { id: 'burgemeester', ordinal: 1, name: 'Burgemeester', description: 'Verantwoordelijk voor de openbare orde en bevoegd tot de meeste maatregelen.', singleHolder: true },
  { id: 'oov-adviseur', ordinal: 2, name: 'OOV-adviseur', description: 'Adviseert over openbare orde en veiligheid en houdt meestal het logboek bij.', singleHolder: true },
  { id: 'communicatieadviseur', ordinal: 3, name: 'Communicatieadviseur', description: 'Bewaakt de ene communicatielijn en adviseert over publiek reageren of juist niet.', singleHolder: true },
  { id: 'politie-liaison', ordinal: 4, name: 'Politie-liaison', description: 'Verbindt het team met de politie: wijkagent, districtschef of operationeel leidinggevende.', singleHolder: false },
  { id: 'officier-van-justitie', ordinal: 5, name: 'Officier van justitie', description: 'Lid van de driehoek; geeft toestemming of wordt geraadpleegd bij strafrechtelijke en sommige bestuurlijke maatregelen.', singleHolder: true },
  { id: 'informatiecoordinator', ordinal: 6, name: 'Informatiecoördinator', description: 'Verzamelt en weegt informatie en bewaakt het gedeelde beeld in het team.', singleHolder: true },
  { id: 'notulist', ordinal: 7, name: 'Notulist', description: 'Legt overleggen, besluiten en acties vast.', singleHolder: false },
  { id: 'plotter', ordinal: 8, name: 'Plotter', description: 'Houdt het actuele situatiebeeld bij, ook op kaart.', singleHolder: false },
  { id: 'jongerenwerk', ordinal: 9, name: 'Jongerenwerk', description: '(Online) jongerenwerkers die signalen ophalen en jongeren en initiatiefnemers aanspreken.', singleHolder: false },
  { id: 'onderwijs', ordinal: 10, name: 'Onderwijs', description: 'Contactpersoon van scholen: signalen, ouderbrieven, gesprekken met leerlingen.', singleHolder: false },
  { id: 'veiligheidsregio', ordinal: 11, name: 'Veiligheidsregio', description: 'Schuift aan wanneer het incident opschaalt.', singleHolder: false },
  { id: 'platformcontact', ordinal: 12, name: 'Platformcontact', description: 'Contact met online platforms, bijvoorbeeld via de trusted-flaggerroute.', singleHolder: false },
];
