#!/usr/bin/env node
// `npx cdk8s-pod-patterns check ...`: loads only the check engine and the YAML reader, never cdk8s.
import { main } from './main';

main();
