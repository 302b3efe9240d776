// The incident workflow at 24 mixed profiles (a seeded fast-check sample).
import { checkIncidentRules, mixedCases } from './incident-rules.js';

checkIncidentRules(mixedCases);
