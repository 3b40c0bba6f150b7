/** The fetch the Graph code goes through: the global fetch in production, a loopback stub in tests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
