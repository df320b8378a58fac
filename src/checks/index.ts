export * from './finding';
export * from './pod-context';
export * from './engine';
export { parseQuantity, parseQuantityNanos } from './quantity';
export * from './rules-table';
