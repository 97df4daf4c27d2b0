import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Permission, permissions, rolesGranting } from "./permissions.ts";
import { appointmentRoles, type Role, systemRoles } from "./roles.ts";
import { type Actor, type Grant, can, grantCovers, grantsFor, hasPermission, hasSystemRole, pathCovers } from "./scope.ts";

/** A random place tree: node i's parent is one of the nodes before it, or none (a root). */
type Tree = { ids: string[]; parents: (number | null)[]; paths: string[] };

// Short ids from a tiny alphabet, so ids are often prefixes of each other ("a", "ab"):
// the trailing slash of each path segment must keep them apart.
const treeArbitrary: fc.Arbitrary<Tree> = fc
  .uniqueArray(fc.stringMatching(/^[ab1]{1,3}$/), { minLength: 1, maxLength: 14 })
  .chain((ids) =>
    fc
      .tuple(...ids.map((_, index) => (index === 0 ? fc.constant(null) : fc.option(fc.nat(index - 1), { nil: null, freq: 4 }))))
      .map((parents) => {
        const paths: string[] = [];
        ids.forEach((id, index) => {
          const parent = parents[index];
          paths.push(`${parent === null ? "/" : paths[parent]}${id}/`);
        });
        return { ids, parents, paths };
      }),
  );

/** Ancestry computed by walking parent links, independently of the paths. */
function isSelfOrDescendant(tree: Tree, ancestor: number, node: number): boolean {
  for (let current: number | null = node; current !== null; current = tree.parents[current]) {
    if (current === ancestor) return true;
  }
  return false;
}

function actorWith(grants: Grant[], personId: string | null = null): Actor {
  return { userId: "user-1", personId, displayName: "Tester", grants };
}

const everyRole: Role[] = [...appointmentRoles, ...systemRoles, "authenticated", "personnel"];
const everyPermission = Object.keys(permissions) as Permission[];

const mali = "/mali/";
const bamako = "/mali/bamako/";
const bamakoStation = "/mali/bamako/station/";
const mopti = "/mali/mopti/";
const congo = "/congo/";

describe("pathCovers", () => {
  it("covers the place itself and everything below it", () => {
    expect(pathCovers(mali, mali)).toBe(true);
    expect(pathCovers(mali, bamako)).toBe(true);
    expect(pathCovers(mali, bamakoStation)).toBe(true);
    expect(pathCovers(bamako, bamakoStation)).toBe(true);
  });

  it("does not cover parents, siblings or other countries", () => {
    expect(pathCovers(bamako, mali)).toBe(false);
    expect(pathCovers(bamako, mopti)).toBe(false);
    expect(pathCovers(mali, congo)).toBe(false);
  });

  it("does not mistake an id that merely starts like another for a child", () => {
    expect(pathCovers("/ab/", "/abc/")).toBe(false);
    expect(pathCovers("/ab/", "/ab/c/")).toBe(true);
  });

  it("lets a grant without a place (a system role) cover everything, including records without a place", () => {
    expect(pathCovers(null, congo)).toBe(true);
    expect(pathCovers(null, null)).toBe(true);
    expect(pathCovers(mali, null)).toBe(false);
  });

  it("covers exactly the granted place and its descendants in any tree", () => {
    fc.assert(
      fc.property(treeArbitrary, (tree) => {
        tree.paths.forEach((grantPath, granted) => {
          tree.paths.forEach((recordPath, record) => {
            expect(pathCovers(grantPath, recordPath)).toBe(isSelfOrDescendant(tree, granted, record));
          });
        });
      }),
    );
  });
});

describe("grantCovers", () => {
  const unicefGrant: Grant = { role: "org_representative", placePath: mali, organisationId: "unicef" };

  it("limits an organisation grant to that organisation's records", () => {
    expect(grantCovers(unicefGrant, { placePath: bamakoStation, organisationId: "unicef" })).toBe(true);
    expect(grantCovers(unicefGrant, { placePath: bamakoStation, organisationId: "wfp" })).toBe(false);
    expect(grantCovers(unicefGrant, { placePath: bamakoStation, organisationId: null })).toBe(false);
    expect(grantCovers(unicefGrant, { placePath: congo, organisationId: "unicef" })).toBe(false);
  });

  it("lets an area grant cover every organisation in the area", () => {
    const pcsa: Grant = { role: "pcsa", placePath: mali, organisationId: null };
    expect(grantCovers(pcsa, { placePath: bamakoStation, organisationId: "wfp" })).toBe(true);
    expect(grantCovers(pcsa, { placePath: bamakoStation, organisationId: null })).toBe(true);
    expect(grantCovers(pcsa, { placePath: congo, organisationId: "wfp" })).toBe(false);
  });

  it("covers a record exactly when the place is covered and the organisation matches or is unrestricted", () => {
    const organisation = fc.option(fc.constantFrom("unicef", "wfp", "who"), { nil: null });
    fc.assert(
      fc.property(treeArbitrary, fc.nat(), fc.nat(), organisation, organisation, (tree, grantIndex, recordIndex, grantOrg, recordOrg) => {
        const granted = grantIndex % tree.paths.length;
        const record = recordIndex % tree.paths.length;
        const grant: Grant = { role: "org_security_focal_point", placePath: tree.paths[granted], organisationId: grantOrg };
        const expected = isSelfOrDescendant(tree, granted, record) && (grantOrg === null || grantOrg === recordOrg);
        expect(grantCovers(grant, { placePath: tree.paths[record], organisationId: recordOrg })).toBe(expected);
      }),
    );
  });
});

describe("grantsFor", () => {
  it("keeps only the grants whose role carries the permission", () => {
    const grants: Grant[] = [
      { role: "authenticated", placePath: null, organisationId: null },
      { role: "warden", placePath: bamako, organisationId: null },
      { role: "do", placePath: mali, organisationId: null },
    ];
    const actor = actorWith(grants);
    expect(grantsFor(actor, "personnel.read_sensitive")).toEqual([grants[1]]);
    expect(grantsFor(actor, "appointment.create")).toEqual([grants[2]]);
    expect(grantsFor(actor, "organisation.read")).toEqual([grants[0]]);
    expect(grantsFor(actor, "user.create")).toEqual([]);
  });

  it("returns a subset of the actor's grants, all with a role from the registry", () => {
    const grantArbitrary = fc.record({
      role: fc.constantFrom(...everyRole),
      placePath: fc.option(fc.constantFrom(mali, bamako, congo), { nil: null }),
      organisationId: fc.option(fc.constantFrom("unicef", "wfp"), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(grantArbitrary, { maxLength: 8 }), fc.constantFrom(...everyPermission), (grants, permission) => {
        const actor = actorWith(grants);
        const found = grantsFor(actor, permission);
        expect(found).toEqual(grants.filter((grant) => rolesGranting(permission).includes(grant.role)));
        expect(hasPermission(actor, permission)).toBe(found.length > 0);
      }),
    );
  });
});

describe("can", () => {
  const doMali = actorWith([
    { role: "authenticated", placePath: null, organisationId: null },
    { role: "do", placePath: mali, organisationId: null },
  ]);
  const admin = actorWith([
    { role: "authenticated", placePath: null, organisationId: null },
    { role: "system_admin", placePath: null, organisationId: null },
  ]);
  const analyst = actorWith([
    { role: "authenticated", placePath: null, organisationId: null },
    { role: "global_analyst", placePath: null, organisationId: null },
  ]);
  const unicefRep = actorWith([
    { role: "authenticated", placePath: null, organisationId: null },
    { role: "org_representative", placePath: mali, organisationId: "unicef" },
  ]);
  const warden = actorWith([
    { role: "authenticated", placePath: null, organisationId: null },
    { role: "warden", placePath: bamako, organisationId: null },
  ]);

  it("answers whether the actor holds the permission anywhere when no record is given", () => {
    expect(can(doMali, "appointment.create")).toBe(true);
    expect(can(doMali, "user.create")).toBe(false);
    expect(can(admin, "user.create")).toBe(true);
  });

  it("lets the DO of Mali act on Mali and its stations, but not on DR Congo", () => {
    expect(can(doMali, "personnel.read", { placePath: bamakoStation, organisationId: "wfp" })).toBe(true);
    expect(can(doMali, "personnel.read", { placePath: congo, organisationId: "wfp" })).toBe(false);
  });

  it("keeps contacts from the DO, the administrator and the analyst, but not from a warden in the zone", () => {
    const record = { placePath: bamakoStation, organisationId: "wfp" };
    expect(can(doMali, "personnel.read_sensitive", record)).toBe(false);
    expect(can(admin, "personnel.read_sensitive", record)).toBe(false);
    expect(can(analyst, "personnel.read_sensitive", record)).toBe(false);
    expect(can(warden, "personnel.read_sensitive", record)).toBe(true);
    expect(can(warden, "personnel.read_sensitive", { placePath: mopti, organisationId: "wfp" })).toBe(false);
  });

  it("restricts a representative to their own organisation's personnel", () => {
    expect(can(unicefRep, "personnel.read", { placePath: bamakoStation, organisationId: "unicef" })).toBe(true);
    expect(can(unicefRep, "personnel.read", { placePath: bamakoStation, organisationId: "wfp" })).toBe(false);
    expect(can(unicefRep, "personnel.read_sensitive", { placePath: bamakoStation, organisationId: "unicef" })).toBe(false);
  });

  it("lets the analyst read everywhere but change nothing", () => {
    expect(can(analyst, "personnel.read", { placePath: congo, organisationId: "who" })).toBe(true);
    for (const permission of everyPermission.filter((name) => /\.(create|update|delete)$/.test(name))) {
      expect(can(analyst, permission), permission).toBe(false);
    }
  });

  it("never grants anything to an actor without grants", () => {
    const nobody = actorWith([]);
    for (const permission of everyPermission) {
      expect(can(nobody, permission)).toBe(false);
      expect(can(nobody, permission, { placePath: mali, organisationId: null })).toBe(false);
    }
  });

  it("grants a permission over a place in a random tree exactly where an appointment covers it", () => {
    const role = fc.constantFrom(...appointmentRoles);
    fc.assert(
      fc.property(
        treeArbitrary,
        fc.array(fc.record({ role, at: fc.nat(), organisationId: fc.option(fc.constantFrom("unicef", "wfp"), { nil: null }) }), { maxLength: 4 }),
        fc.constantFrom(...everyPermission),
        fc.nat(),
        fc.option(fc.constantFrom("unicef", "wfp"), { nil: null }),
        (tree, held, permission, recordIndex, recordOrg) => {
          const grants: Grant[] = held.map((grant) => ({
            role: grant.role,
            placePath: tree.paths[grant.at % tree.paths.length],
            organisationId: grant.organisationId,
          }));
          const record = recordIndex % tree.paths.length;
          const expected = held.some(
            (grant) =>
              (rolesGranting(permission) as readonly string[]).includes(grant.role) &&
              isSelfOrDescendant(tree, grant.at % tree.paths.length, record) &&
              (grant.organisationId === null || grant.organisationId === recordOrg),
          );
          expect(can(actorWith(grants), permission, { placePath: tree.paths[record], organisationId: recordOrg })).toBe(expected);
        },
      ),
    );
  });
});

describe("hasSystemRole", () => {
  it("recognises system roles and nothing else", () => {
    const admin = actorWith([{ role: "system_admin", placePath: null, organisationId: null }]);
    expect(hasSystemRole(admin, "system_admin")).toBe(true);
    expect(hasSystemRole(admin, "global_analyst")).toBe(false);
    expect(hasSystemRole(actorWith([{ role: "do", placePath: mali, organisationId: null }]), "system_admin")).toBe(false);
  });
});

describe("the permission registry", () => {
  it("names only known roles", () => {
    for (const permission of everyPermission) {
      for (const role of rolesGranting(permission)) expect(everyRole, `${permission}: ${role}`).toContain(role);
    }
  });

  it("gives need-to-know on contacts to neither system role", () => {
    expect(rolesGranting("personnel.read_sensitive")).not.toContain("system_admin");
    expect(rolesGranting("personnel.read_sensitive")).not.toContain("global_analyst");
    expect(rolesGranting("personnel.read_sensitive")).not.toContain("do");
  });
});
