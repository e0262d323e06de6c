/** Roles a person can hold in a case team. Who held which role when stays visible, across shift changes. */
export interface CaseRoleDefinition {
  id: string;
  ordinal: number;
  name: string;
  description: string;
}

export const defaultCaseRoles: readonly CaseRoleDefinition[] = [
  { id: 'burgemeester', ordinal: 1, name: 'Burgemeester', description: 'Verantwoordelijk voor de openbare orde en bevoegd tot de meeste maatregelen.' },
  { id: 'oov-adviseur', ordinal: 2, name: 'OOV-adviseur', description: 'Adviseert over openbare orde en veiligheid en houdt meestal het logboek bij.' },
  { id: 'communicatieadviseur', ordinal: 3, name: 'Communicatieadviseur', description: 'Bewaakt de ene communicatielijn en adviseert over publiek reageren of juist niet.' },
  { id: 'politie-liaison', ordinal: 4, name: 'Politie-liaison', description: 'Verbindt het team met de politie: wijkagent, districtschef of operationeel leidinggevende.' },
  { id: 'officier-van-justitie', ordinal: 5, name: 'Officier van justitie', description: 'Lid van de driehoek; geeft toestemming of wordt geraadpleegd bij strafrechtelijke en sommige bestuurlijke maatregelen.' },
  { id: 'informatiecoordinator', ordinal: 6, name: 'Informatiecoördinator', description: 'Verzamelt en weegt informatie en bewaakt het gedeelde beeld in het team.' },
  { id: 'notulist', ordinal: 7, name: 'Notulist', description: 'Legt overleggen, besluiten en acties vast.' },
  { id: 'plotter', ordinal: 8, name: 'Plotter', description: 'Houdt het actuele situatiebeeld bij, ook op kaart.' },
  { id: 'jongerenwerk', ordinal: 9, name: 'Jongerenwerk', description: '(Online) jongerenwerkers die signalen ophalen en jongeren en initiatiefnemers aanspreken.' },
  { id: 'onderwijs', ordinal: 10, name: 'Onderwijs', description: 'Contactpersoon van scholen: signalen, ouderbrieven, gesprekken met leerlingen.' },
  { id: 'veiligheidsregio', ordinal: 11, name: 'Veiligheidsregio', description: 'Schuift aan wanneer het incident opschaalt.' },
  { id: 'platformcontact', ordinal: 12, name: 'Platformcontact', description: 'Contact met online platforms, bijvoorbeeld via de trusted-flaggerroute.' },
];
