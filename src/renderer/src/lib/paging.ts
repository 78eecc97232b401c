// Paging lives in the contract's shared code: the engine merges partitions the same way.
export * from '../../../shared/paging'
