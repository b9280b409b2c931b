// Hydra's documented composition and override examples, reproduced as fixtures under
// tests/testdata/config/ (expected outputs as printed in Hydra's docs).
import assert from "node:assert/strict";
import { composeConfig, type ConfigTree } from "../../lib/config/mod.ts";

const ROOT = new URL("../testdata/config/", import.meta.url).pathname;

function compose(app: string, overrides: string[] = [], configName = "config"): ConfigTree {
  return composeConfig({ configDir: `${ROOT}${app}`, configName, overrides }).config;
}

Deno.test("composeConfig() loads the default option of a group (Hydra: selecting default configs)", () => {
  assert.deepEqual(compose("db_app"), { db: { driver: "mysql", user: "omry", pass: "secret" } });
});

Deno.test("composeConfig() switches a group and overrides a value in it (db=postgresql db.timeout=20)", () => {
  assert.deepEqual(compose("db_app", ["db=postgresql", "db.timeout=20"]), {
    db: { driver: "postgresql", user: "postgres_user", pass: "drowssap", timeout: 20 },
  });
});

Deno.test("composeConfig() removes a group with ~db", () => {
  assert.deepEqual(compose("db_app", ["~db"]), {});
  assert.deepEqual(compose("db_app", ["~db=mysql"]), {});
  assert.throws(() => compose("db_app", ["~db=postgresql"]), /no entry "db" with option/);
});

Deno.test("composeConfig() adds a key with + and refuses to add one that exists", () => {
  assert.deepEqual(compose("db_app", ["+db.timeout=5"]).db, {
    driver: "mysql",
    user: "omry",
    pass: "secret",
    timeout: 5,
  });
  assert.throws(
    () => compose("db_app", ["db=postgresql", "+db.timeout=5"]),
    /Cannot apply override "\+db.timeout=5": key "db.timeout" already exists/,
  );
});

Deno.test("composeConfig() adds or overrides with ++ and deletes with ~key", () => {
  assert.deepEqual(compose("db_app", ["++db.timeout=5"]).db, {
    driver: "mysql",
    user: "omry",
    pass: "secret",
    timeout: 5,
  });
  assert.deepEqual(
    (compose("db_app", ["db=postgresql", "++db.timeout=5"]).db as ConfigTree).timeout,
    5,
  );
  assert.deepEqual(compose("db_app", ["~db.user"]), { db: { driver: "mysql", pass: "secret" } });
  assert.deepEqual(compose("db_app", ["~db.user=omry"]), {
    db: { driver: "mysql", pass: "secret" },
  });
  assert.throws(() => compose("db_app", ["~db.user=root"]), /"db.user" is "omry", not "root"/);
});

Deno.test("composeConfig() merges a mapping given for a group name into its values (Hydra: a dict is a value override)", () => {
  assert.deepEqual(compose("db_app", ["db={user: root, timeout: 5}"]), {
    db: { driver: "mysql", user: "root", pass: "secret", timeout: 5 },
  });
  assert.deepEqual(compose("db_app", ["db=postgresql", "db={user: root}"]).db, {
    driver: "postgresql",
    user: "root",
    pass: "drowssap",
    timeout: 10,
  });
});

Deno.test("composeConfig() with a value override of a missing key names the key and suggests +", () => {
  assert.throws(
    () => compose("db_app", ["db.timeout=5"]),
    (e: Error) =>
      e.name === "ConfigError" && /key "db.timeout" does not exist/.test(e.message) &&
      /\+db.timeout=5/.test(e.message),
  );
});

Deno.test("composeConfig() puts _self_ last: the primary config overrides its defaults (Hydra 1.1)", () => {
  assert.deepEqual(compose("order", [], "self_last"), { foo: { x: 10 } });
});

Deno.test("composeConfig() puts _self_ first: the defaults override the primary config", () => {
  assert.deepEqual(compose("order", [], "self_first"), { foo: { x: 20 } });
});

Deno.test("composeConfig() without _self_ behaves as Hydra 1.1 (_self_ implicitly last)", () => {
  assert.deepEqual(compose("order", [], "no_self"), { foo: { x: 10 } });
});

Deno.test("composeConfig() places nested groups at their default packages (Hydra: packages)", () => {
  assert.deepEqual(compose("packages"), {
    server: { db: { name: "mysql" }, name: "apache" },
    debug: false,
  });
  assert.deepEqual(compose("packages", ["server/db=sqlite"]).server, {
    db: { name: "sqlite" },
    name: "apache",
  });
});

Deno.test("composeConfig() honours group@package in defaults lists, relative to the parent", () => {
  assert.deepEqual(compose("packages", [], "two_dbs"), {
    server: { src: { name: "mysql" }, dst: { name: "sqlite" }, name: "apache" },
  });
  assert.deepEqual(
    compose("packages", ["server/db@dst=mysql"], "two_dbs").server,
    { src: { name: "mysql" }, dst: { name: "mysql" }, name: "apache" },
  );
});

Deno.test("composeConfig() honours a '# @package _global_' header", () => {
  assert.deepEqual(compose("packages", ["server/db=global"]), {
    server: { name: "apache" },
    global_flag: true,
    debug: false,
  });
});

Deno.test("composeConfig() extends a config through its own defaults list (Hydra: extending configs)", () => {
  assert.deepEqual(compose("extend"), {
    db: { host: "localhost", port: 3307, user: "omry", password: "secret", encoding: "utf8" },
  });
});

Deno.test("composeConfig() applies 'override' entries of an added experiment (Hydra: configuring experiments)", () => {
  assert.deepEqual(compose("experiments"), {
    db: { name: "mysql" },
    server: { name: "apache", port: 80 },
  });
  assert.deepEqual(compose("experiments", ["+experiment=aplite"]), {
    db: { name: "sqlite" },
    server: { name: "apache", port: 8080 },
  });
  assert.deepEqual(compose("experiments", ["+experiment=nglite"]), {
    db: { name: "sqlite" },
    server: { name: "nginx", port: 8080 },
  });
});

Deno.test("composeConfig() merges +group=option after the primary's implicit _self_ (Hydra 1.1)", () => {
  assert.deepEqual(compose("experiments", [], "no_self").server, { name: "apache", port: 81 });
  assert.deepEqual(compose("experiments", ["+experiment=aplite"], "no_self").server, {
    name: "apache",
    port: 8080,
  });
});

Deno.test("composeConfig() lets the command line win over an experiment's 'override' entry", () => {
  assert.deepEqual(compose("experiments", ["+experiment=nglite", "db=mysql"]).db, {
    name: "mysql",
  });
});

Deno.test("composeConfig() rejects an 'override' entry for a group not in the defaults list", () => {
  assert.throws(
    () => compose("experiments", ["+experiment=bad_override"]),
    /Cannot apply "override cache: redis" .*bad_override.yaml.*not in the defaults list/,
  );
});

Deno.test("composeConfig() needs + to add a group, and refuses + for a group already listed", () => {
  assert.throws(
    () => compose("experiments", ["experiment=aplite"]),
    /group "experiment" is not in the defaults list.*\+experiment=aplite/,
  );
  assert.throws(() => compose("db_app", ["+db=postgresql"]), /already in the defaults list/);
  assert.deepEqual(compose("experiments", ["++experiment=nglite"]).server, {
    name: "nginx",
    port: 8080,
  });
});

Deno.test("composeConfig() lists the options of a group, with did-you-mean, for an unknown option", () => {
  assert.throws(
    () => compose("db_app", ["db=postgres"]),
    (e: Error & { keyPath?: string }) =>
      e.keyPath === "db" && /"postgres" of config group "db"/.test(e.message) &&
      /did you mean "postgresql"\?/.test(e.message) && /options: mysql, postgresql/.test(e.message),
  );
});

Deno.test("composeConfig() fills a null placeholder from the command line and skips it otherwise", () => {
  const base = compose("special");
  assert.equal(base.db, undefined);
  assert.deepEqual(compose("special", ["db=mysql"]).db, { driver: "mysql" });
});

Deno.test("composeConfig() skips optional entries whose option or group is missing", () => {
  const { choices } = composeConfig({ configDir: `${ROOT}special` });
  assert.deepEqual(choices, {});
  assert.equal(compose("special").extra, undefined);
  assert.deepEqual(compose("special", ["extra=present"]).extra, { extra: "present" });
});

Deno.test("composeConfig() demands a choice for a ??? group", () => {
  assert.throws(() => compose("special", [], "mandatory"), /must choose an option for group "db"/);
  assert.deepEqual(compose("special", ["db=mysql"], "mandatory"), { db: { driver: "mysql" } });
});

Deno.test("composeConfig() reports choices in defaults-list order", () => {
  const { choices } = composeConfig({
    configDir: `${ROOT}experiments`,
    overrides: ["+experiment=aplite"],
  });
  assert.deepEqual(Object.entries(choices), [
    ["db", "sqlite"],
    ["server", "apache"],
    ["experiment", "aplite"],
  ]);
});

Deno.test("composeConfig() returns a deeply frozen config", () => {
  const { config } = composeConfig({ configDir: `${ROOT}db_app` });
  assert.equal(Object.isFrozen(config), true);
  assert.equal(Object.isFrozen(config.db), true);
});

Deno.test("composeConfig() names the file of a broken YAML document", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/config.yaml`, "a: [1, 2\n");
    assert.throws(
      () => composeConfig({ configDir: dir }),
      (e: Error & { file?: string }) => e.name === "ConfigError" && e.file === `${dir}/config.yaml`,
    );
    assert.throws(
      () => composeConfig({ configDir: dir, configName: "nope" }),
      /Cannot read config file/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("composeConfig() reports a defaults list that includes itself", () => {
  assert.throws(() => compose("special", [], "self_loop"), /defaults lists form a cycle/);
});

Deno.test("composeConfig() places a config default @_here_ at the including config's package", () => {
  assert.deepEqual(compose("special", ["db=wrapped"]).db, { extra: "present", name: "wrapped" });
});

Deno.test("composeConfig() still rejects an unknown option of an optional group given on the command line", () => {
  assert.throws(() => compose("special", ["extra=presnt"]), /did you mean "present"/);
});

Deno.test("composeConfig() rejects a defaults list that names _self_ twice, naming the file", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/config.yaml`, "defaults:\n  - _self_\n  - _self_\nx: 1\n");
    assert.throws(
      () => composeConfig({ configDir: dir }),
      (e: Error & { file?: string }) =>
        e.name === "ConfigError" && /_self_.*twice/.test(e.message) &&
        e.file === `${dir}/config.yaml`,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("composeConfig() suggests the nearest whole key path first for a mistyped key", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.writeTextFileSync(`${dir}/config.yaml`, "hpo:\n  epochs: 3\ntraining:\n  epochs: 10\n");
    assert.throws(
      () => composeConfig({ configDir: dir, overrides: ["trainig.epochs=1"] }),
      /did you mean "training\.epochs" or "hpo\.epochs"\?/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
