import { z } from 'zod';
import { method } from '../method';
import { connectionKindSchema } from './connections';
import { lifecycleSchema } from './lifecycle';

// Publishing from a desktop to a Patchbay server (issue 15). On the desktop: the servers it knows
// (Settings › Servers; the API key is write-only, like a connection's secrets) and publishing an
// integration to one. On the server: its public key, and receiving what a desktop publishes.

export const serverSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ServerSummary = z.infer<typeof serverSummarySchema>;

const serverUrl = z.string().trim().min(1).max(500);

export const serverTestResultSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  /** The name the server knows the API key by (when it answered). */
  keyName: z.string().optional(),
  /** The server's public key fingerprint, to compare with `patchbay server`'s data dir. */
  fingerprint: z.string().optional(),
});

export const serverKeySchema = z.object({
  /** X25519 public key, base64 SPKI DER: desktops seal connection secrets for it. */
  publicKey: z.string(),
  fingerprint: z.string(),
});

const MAX_ITEMS = 1000;

/** What a desktop sends: the integration as a bundle, installations' placement and connections sealed for the server. */
export const publishPayloadSchema = z.object({
  publishedBy: z.string().trim().min(1).max(200),
  /** Fingerprint of the server key the secrets were sealed for. */
  sealedFor: z.string().min(1).max(100),
  integrationId: z.string().min(1),
  /** The bundle zip (engine/bundle), base64: releases, drafts, customers' user-specific versions and mappings. */
  bundle: z.string().min(1),
  installations: z.array(z.object({
    id: z.string().min(1),
    config: z.record(z.string(), z.unknown()),
    /** Slot key → connection id. */
    connections: z.record(z.string(), z.string().min(1)),
    /**
     * Its workflow state on the desktop (watermarks, echo memory, `backfillCompletedAt` once a live
     * backfill succeeded there), so activating it on the server continues where the desktop stopped.
     * Absent from older desktops.
     */
    state: z.array(z.object({ workflowId: z.string().min(1), key: z.string().min(1), value: z.unknown(), updatedAt: z.string() })).max(MAX_ITEMS).default([]),
  })).max(MAX_ITEMS),
  connections: z.array(z.object({
    id: z.string().min(1),
    name: z.string().min(1).max(200),
    kind: connectionKindSchema,
    installationId: z.string().min(1).nullable(),
    hideResponseBodies: z.boolean(),
    /** Fields that are not secret, in clear. */
    config: z.record(z.string(), z.union([z.string(), z.number()])),
    /** Secret fields, each sealed for the server (`pbs1:`), bound to `connection:<id>:<field>`. */
    sealed: z.record(z.string(), z.string().startsWith('pbs1:')),
  })).max(MAX_ITEMS),
});
export type PublishPayload = z.infer<typeof publishPayloadSchema>;

export const publishResultSchema = z.object({
  integration: z.object({ id: z.string(), name: z.string() }),
  releases: z.number().int(),
  /** `lifecycle` is the installation's on the server after publishing (absent from older servers). */
  installations: z.array(z.object({ id: z.string(), customerName: z.string(), lifecycle: lifecycleSchema.optional() })),
  connections: z.number().int(),
  publishedAt: z.string(),
  /** Added by the desktop: installations that were active on it and are now paused there (they run on the server). */
  pausedOnDesktop: z.array(z.object({ id: z.string(), customerName: z.string() })).optional(),
});
export type PublishResult = z.infer<typeof publishResultSchema>;

export const publicationsSchema = z.object({
  /** On this desktop: installations published to a server, newest first. */
  sent: z.array(z.object({ installationId: z.string(), serverId: z.string(), serverName: z.string(), serverUrl: z.string(), publishedAt: z.string() })),
  /** On this server: installations a desktop published here. */
  received: z.array(z.object({ installationId: z.string(), publishedBy: z.string(), publishedAt: z.string() })),
});

export const serverMethods = {
  'servers.list': method(z.object({}), z.array(serverSummarySchema), 'admin'),
  /** Adds (no id) or edits a server; the API key is required for a new one and kept when omitted. */
  'servers.save': method(
    z.object({ id: z.string().min(1).optional(), name: z.string().trim().min(1).max(100), url: serverUrl, apiKey: z.string().trim().min(1).max(200).optional() }),
    serverSummarySchema,
    'admin',
  ),
  'servers.delete': method(z.object({ id: z.string().min(1) }), z.object({ deleted: z.boolean() }), 'admin'),
  /** Checks that the server answers at its URL and accepts the API key. */
  'servers.test': method(z.object({ id: z.string().min(1) }), serverTestResultSchema, 'admin'),
  /** Publishes an integration (releases, installations, user-specific versions, mappings, connections) to a server. */
  'servers.publish': method(z.object({ serverId: z.string().min(1), integrationId: z.string().min(1) }), publishResultSchema, 'admin'),
  'publications.list': method(z.object({}), publicationsSchema, 'viewer'),
  /**
   * On a desktop: stop treating an installation as published, so it may be activated and run here
   * again. The server is not told: pause it there first, or it runs in both places.
   */
  'publications.takeBack': method(z.object({ installationId: z.string().min(1) }), z.object({ takenBack: z.boolean() }), 'admin'),
  /** This server's public key, for desktops to seal connection secrets with. */
  'publish.serverKey': method(z.object({}), serverKeySchema, 'admin'),
  /** Receives a desktop's publication: all of it, or (refused) nothing. */
  'publish.receive': method(publishPayloadSchema, publishResultSchema, 'admin'),
} as const;
