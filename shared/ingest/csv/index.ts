export * from './reader';
export * from './table';
