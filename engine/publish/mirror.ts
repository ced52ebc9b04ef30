import type { BundleContent } from '../bundle/content';
import type { Repos } from '../installations/repos';

// A published installation's customisations on the server mirror the desktop's, which is where
// they are made: one the desktop reverted is reverted here, and one the desktop rebased onto a
// newer release moves to that release here too (a bundle import would call that a conflict,
// "rebased on one side only", because two copies edited apart must not overwrite each other;
// the server's copy is never edited apart, it is only ever published).

export interface Mirror {
  /** The content to import: without the customisations `rebase` applies after it. */
  readonly content: BundleContent;
  /** Moves the rebased ones to their new release; call after importing `content` (which brings that release). */
  rebase(): Promise<void>;
}

/** Reverts what the desktop no longer has (call inside the publication's transaction, before the import). */
export async function mirrorCustomisations(repos: Repos, content: BundleContent, installationIds: readonly string[]): Promise<Mirror> {
  const custom = new Map(content.custom.map((c) => [c.id, c]));
  const customMappings = new Map(content.customMappings.map((m) => [m.id, m]));
  const rebasedCustom = new Set<string>();
  const rebasedMappings = new Set<string>();
  for (const installationId of installationIds) {
    for (const here of await repos.userVersions.listForInstallation(installationId)) {
      const sent = custom.get(here.id);
      if (!sent || sent.installationId !== installationId || sent.workflowId !== here.workflowId) await repos.userVersions.delete(here.id);
      else if (sent.ancestorVersionId !== here.ancestorVersionId) rebasedCustom.add(here.id);
    }
    for (const here of await repos.installationMappings.listForInstallation(installationId)) {
      const sent = customMappings.get(here.id);
      if (!sent || sent.installationId !== installationId || sent.mappingId !== here.mappingId) await repos.installationMappings.delete(here.id);
      else if (sent.ancestorId !== here.ancestorId) rebasedMappings.add(here.id);
    }
  }
  return {
    content: { ...content, custom: content.custom.filter((c) => !rebasedCustom.has(c.id)), customMappings: content.customMappings.filter((m) => !rebasedMappings.has(m.id)) },
    async rebase() {
      for (const id of rebasedCustom) {
        const sent = custom.get(id);
        if (sent) await repos.userVersions.save(id, (await repos.userVersions.get(id)).rev, sent.doc, sent.ancestorVersionId);
      }
      for (const id of rebasedMappings) {
        const sent = customMappings.get(id);
        if (sent) await repos.installationMappings.save(id, (await repos.installationMappings.get(id)).rev, sent.doc, sent.ancestorId);
      }
    },
  };
}
