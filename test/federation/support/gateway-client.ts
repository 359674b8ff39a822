// What every gateway under test looks like to a test: an HTTP endpoint on loopback taking GraphQL
// over POST, with the caller's own headers (e.g. the scope a client was granted).

export interface GraphQLResponseBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface GatewayClient {
  url: string;
  query(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponseBody>;
  close(): Promise<void>;
}

/** POSTs one GraphQL operation as a client would and returns the parsed body. */
export async function postGraphQL(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponseBody> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponseBody;
}
