import assert from "node:assert/strict";
import { composeConfig, type ConfigTree, resolveInterpolations } from "../../lib/config/mod.ts";

const ROOT = new URL("../testdata/config/special/", import.meta.url).pathname;

Deno.test("interpolation keeps the type of a whole-string reference and stringifies embedded ones", () => {
  const { config } = composeConfig({ configDir: ROOT });
  const app = config.app as ConfigTree;
  assert.equal(app.url, "http://localhost:8080/demo");
  assert.equal(app.port_copy, 8080);
  assert.equal(app.relative, "demo");
  assert.equal(app.escaped, "${app.name}");
  assert.deepEqual(config.app_copy, app);
});

Deno.test("interpolation reports a cycle with its path", () => {
  assert.throws(
    () => composeConfig({ configDir: ROOT, configName: "cycle" }),
    (e: Error & { keyPath?: string }) => {
      assert.equal(e.name, "ConfigError");
      assert.match(e.message, /cycle a -> b.c -> d -> a/);
      return true;
    },
  );
  assert.throws(() => resolveInterpolations({ a: "${a}" }), /cycle a -> a/);
  assert.throws(() => resolveInterpolations({ a: { b: "${a}" } }), /cycle a -> a.b -> a/);
});

Deno.test("interpolation of a missing key names both keys and the closest one", () => {
  assert.throws(
    () => composeConfig({ configDir: ROOT, configName: "missing_ref" }),
    (e: Error & { keyPath?: string }) => {
      assert.equal(e.keyPath, "optimizer.lr");
      assert.match(e.message, /at "optimizer.lr": key "training.learnin_rate" does not exist/);
      assert.match(e.message, /did you mean "training.learning_rate"\?/);
      return true;
    },
  );
});

Deno.test("${now:…} formats the clock passed in (UTC) and ${env:…} reads the env passed in", () => {
  const now = new Date(Date.UTC(2026, 10, 28, 1, 2, 3));
  const { config } = composeConfig({
    configDir: ROOT,
    configName: "resolvers",
    env: { PSY_USER: "ada" },
    now,
  });
  assert.deepEqual(config, {
    stamp: "2026-11-28_01-02-03",
    dir: "outputs/2026-11-28/run",
    home: "/default/home",
    user: "ada",
    nested_default: "/data/x",
    paths: { root: "/data" },
  });
  const withHome = composeConfig({
    configDir: ROOT,
    configName: "resolvers",
    env: { PSY_USER: "ada", PSY_HOME: "/home/ada" },
    now,
  });
  assert.equal(withHome.config.home, "/home/ada");
});

Deno.test("${env:NAME} without a default fails when NAME is unset, and ${now} needs a clock", () => {
  assert.throws(
    () => composeConfig({ configDir: ROOT, configName: "resolvers", now: new Date(0) }),
    /environment variable "PSY_USER" is not set and has no default/,
  );
  assert.throws(
    () => composeConfig({ configDir: ROOT, configName: "resolvers", env: { PSY_USER: "x" } }),
    /no clock was passed in/,
  );
  assert.throws(() => resolveInterpolations({ a: "${nope:x}" }), /unknown resolver "nope"/);
  assert.throws(() => resolveInterpolations({ a: "${now:%Q}" }, { now: new Date(0) }), /%Q/);
  assert.throws(() => resolveInterpolations({ a: "${b" }), /unclosed/);
});

Deno.test("interpolation resolves overrides too, after composition", () => {
  const { config } = composeConfig({
    configDir: ROOT,
    overrides: ["app.port=9000", "+app.label=${app.name}-${app.port}"],
  });
  const app = config.app as ConfigTree;
  assert.equal(app.port_copy, 9000);
  assert.equal(app.label, "demo-9000");
});

Deno.test("interpolation reaches through a reference to a mapping and into lists", () => {
  const tree = {
    base: { lr: 0.1, betas: [0.9, "${base.lr}"] },
    alias: "${base}",
    deep: "${alias.lr}",
    item: "${base.betas.1}",
  };
  assert.deepEqual(resolveInterpolations(tree), {
    base: { lr: 0.1, betas: [0.9, 0.1] },
    alias: { lr: 0.1, betas: [0.9, 0.1] },
    deep: 0.1,
    item: 0.1,
  });
});

Deno.test("interpolation of a missing key never suggests the key that holds the reference", () => {
  assert.throws(
    () => resolveInterpolations({ x: "${y}" }),
    (e: Error) => !/did you mean/.test(e.message) && /key "y" does not exist/.test(e.message),
  );
  assert.throws(
    () => resolveInterpolations({ model: { name: "${model.nam}" } }),
    (e: Error) => !/did you mean/.test(e.message),
  );
  assert.throws(
    () => resolveInterpolations({ model: { name: "bert" }, tag: "${modl.name}" }),
    /did you mean "model\.name"\?/,
  );
});

Deno.test("${env:NAME,'default'} drops the quotes of a quoted default (commas allowed inside)", () => {
  assert.deepEqual(resolveInterpolations({ a: "${env:NOPE,'a,b'}", b: '${env:NOPE,"x y"}' }), {
    a: "a,b",
    b: "x y",
  });
});
