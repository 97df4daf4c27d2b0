// What other web modules use of the victims register: the incident page places this component.
export { VictimCasesForIncident } from "./victim-cases-for-incident.component.tsx";
