// How many brokers a simulated cluster may have: every layer that counts brokers (the engine's
// options, the library, the command line, compose files, default.replication.factor) checks
// against this one bound.

/**
 * The most simulated brokers one Logdeck serves. The engine would take more (each broker is a
 * listener in one process, and 64 start as fast and in as little memory as 3), but the console
 * shows every broker as a card and a column of the replica map, and a replication factor is at
 * most 32 in the contract: 32 covers the racked clusters people simulate (3 racks of 10).
 */
export const MAX_BROKERS = 32
