// Resources: the second layer, on top of the environment, as SimPy's `Resource` and
// `PriorityResource` and Ciw's scheduled servers. A team is a priority resource whose
// head count follows its weekly shift schedule, with an on-call pool for urgent work
// out of hours; unlimited capacity is a team too (single-scenario mode). Teams count
// what their observers need (busy time, waits, queue length, pages), and erlang.ts
// holds the queueing theory they are checked against.
// May import the environment and src/sim/constants.ts; nothing above.
export { erlangB, erlangC, mmc, serviceLevel, type MMc } from './erlang.js';
export { Schedule, type Shift } from './schedule.js';
export { TeamStats } from './stats.js';
export { Request, ShiftTeam, UnlimitedTeam, type OnCall, type RequestState, type Team, type TeamSpec } from './team.js';
