// The JSON path of message filters lives in the contract's shared code: the console's live tail
// filters with the same rules as the engine's search.
export * from '../../shared/json-path'
