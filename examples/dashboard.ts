// How a dashboard calls mailgql with the generated documents: the variables and the result are
// typed from the operation, so a renamed field or a missing variable fails `npm run typecheck`.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";

import {
  AccountTreeDocument,
  CampaignReportDocument,
  SubscribeDocument,
} from "./generated/graphql";

const ENDPOINT = "http://127.0.0.1:8000/graphql";

/** Send one operation; its data, or an Error naming every GraphQL error. */
export async function request<TResult, TVariables>(
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  apiKey?: string,
): Promise<TResult> {
  const response = await fetch(ENDPOINT, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Accept: "application/graphql-response+json, application/json",
      ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as {
    data?: TResult | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  if (!body.data) {
    throw new Error((body.errors ?? []).map((e) => e.message).join("; ") || response.statusText);
  }
  return body.data;
}

/** The sub-account names of the v2 REST admin, for the account switcher. */
export async function subAccountNames(): Promise<string[]> {
  const data = await request(AccountTreeDocument, { platform: "V2REST", first: 10 });
  return data.me?.subAccounts?.nodes.map((account) => account.username) ?? [];
}

/** Open rate of every campaign of every platform, keyed by campaign ID. */
export async function openRates(): Promise<Map<string, number | null>> {
  const data = await request(CampaignReportDocument, { first: 50 });
  return new Map(data.campaigns.nodes.map((c) => [c.id, c.stats?.openRate ?? null]));
}

/** Subscribe an address; the refusals, if any, as "CODE: message". */
export async function subscribe(listId: string, email: string): Promise<string[]> {
  const data = await request(SubscribeDocument, { listId, email });
  return data.subscribe.userErrors.map((e) => `${e.code}: ${e.message}`);
}
