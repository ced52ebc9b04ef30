import { describe, expect, it } from 'vitest';
import { methods, methodsFor, type MethodName } from '../../api/contract';
import { roles } from '../../shared/roles';
import { refusedForRole } from './access';

// The role table as the contract declares it: what each role may call.

const reads: MethodName[] = ['workflows.list', 'workflows.get', 'installations.list', 'installations.get', 'installations.activity', 'runs.list', 'runs.get', 'runs.steps', 'runs.search', 'integrations.releases'];
const operates: MethodName[] = ['runs.start', 'runs.rerun', 'runs.cancel', 'installations.runWorkflow', 'installations.activate', 'installations.pause', 'connections.test'];
const administers: MethodName[] = ['workflows.save', 'workflows.delete', 'integrations.release', 'installations.create', 'installations.uninstall', 'connections.save', 'publish.receive', 'publish.serverKey', 'apiKeys.create', 'apiKeys.revoke', 'users.add', 'users.passwd', 'users.remove', 'users.list', 'bundles.import', 'code.run'];

// Every method a viewer may call, each one reading or computing without storing anything. Giving a
// new method the viewer role means adding it here, after checking its handler writes nothing.
const everythingAViewerMayCall: MethodName[] = [
  'blocks.catalog',
  'bundles.choices',
  'bundles.export',
  'code.check',
  'code.typings',
  'connections.get',
  'connections.kinds',
  'connections.list',
  'golden.get',
  'golden.list',
  'installationMappings.diff',
  'installationMappings.get',
  'installationMappings.list',
  'installationMappings.rebasePreview',
  'installations.activationPreview',
  'installations.activity',
  'installations.get',
  'installations.list',
  'installations.runs',
  'installations.upgradePreview',
  'integrations.get',
  'integrations.list',
  'integrations.releases',
  'integrations.templates',
  'mapping.export',
  'mapping.import',
  'mapping.preview',
  'mapping.sourceFields',
  'mapping.suggest',
  'mapping.targetFields',
  'mapping.transforms',
  'mapping.validate',
  'mappings.forWorkflow',
  'mappings.get',
  'mappings.list',
  'mappings.released',
  'publications.list',
  'runs.get',
  'runs.list',
  'runs.search',
  'runs.steps',
  'userVersions.diff',
  'userVersions.get',
  'userVersions.rebasePreview',
  'versions.diff',
  'versions.get',
  'workflows.get',
  'workflows.list',
  'workflows.validate',
];

describe('roles', () => {
  it('let a viewer call only methods that store nothing', () => {
    expect(methodsFor('viewer').sort()).toEqual([...everythingAViewerMayCall].sort());
  });

  it('let a viewer read but not run, activate, pause or cancel', () => {
    for (const m of reads) expect(refusedForRole('viewer', m)).toBeNull();
    for (const m of [...operates, ...administers]) expect(refusedForRole('viewer', m)?.code).toBe('forbidden_for_role');
  });

  it('let an operator also run, test-sync, activate, pause and cancel, but not edit, release, publish or manage keys and users', () => {
    for (const m of [...reads, ...operates]) expect(refusedForRole('operator', m)).toBeNull();
    for (const m of administers) expect(refusedForRole('operator', m)).toMatchObject({ code: 'forbidden_for_role', details: { method: m, needed: 'admin', role: 'operator' } });
  });

  it('let an admin call every method', () => {
    expect(methodsFor('admin')).toEqual(Object.keys(methods));
  });

  it('name the role needed in the refusal', () => {
    expect(refusedForRole('viewer', 'installations.activate')?.message).toBe('installations.activate needs the operator role, and you are signed in as a viewer; ask an administrator for a user or API key with the operator role.');
  });

  it('nest: what a role may call includes everything the roles below it may', () => {
    const [viewer, operator, admin] = roles.map((r) => new Set(methodsFor(r)));
    expect([...(viewer ?? [])].every((m) => operator?.has(m))).toBe(true);
    expect([...(operator ?? [])].every((m) => admin?.has(m))).toBe(true);
    expect(viewer?.size).toBeLessThan(operator?.size ?? 0);
  });
});
