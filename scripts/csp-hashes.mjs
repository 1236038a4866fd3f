#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml): allows the inline scripts Trunk wrote into the built
// index.html — its module loader, and under `trunk serve` its reload client — by their
// SHA-256 hashes in the page's Content-Security-Policy, in place of the 'trunk-inline-scripts'
// placeholder of index.html's script-src. The loader names the hashed file names and the
// public URL, so its hash is only known after the build; Trunk runs the hook on every build,
// `trunk serve`'s rebuilds included, on the staged index.html before it goes to dist/.
//
//   node scripts/csp-hashes.mjs [index.html]    default: $TRUNK_STAGING_DIR/index.html
//   node scripts/csp-hashes.mjs --check dist/index.html
//
// An inline script that is not Trunk's fails the build: the page's own scripts are files
// (app/boot.js), so the policy never needs 'unsafe-inline'. --check only verifies that every
// inline script of a built page is allowed by its policy, and nothing else is.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PLACEHOLDER = "'trunk-inline-scripts'";
const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi;
// Comments are matched too, so that a <script> mentioned in a comment is skipped.
const SCRIPT_OR_COMMENT = /<!--[\s\S]*?-->|<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

const fail = (message) => {
  console.error(`csp-hashes: ${message}`);
  process.exit(1);
};

/** The CSP hash source of a script's text, as browsers compute it (UTF-8, SHA-256, base64). */
const hashSource = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The inline scripts of `html` (src-less <script> elements), with what they are. */
function inlineScripts(html) {
  const scripts = [];
  for (const match of html.matchAll(SCRIPT_OR_COMMENT)) {
    const [, attrs, text] = match;
    if (attrs === undefined || /\bsrc\s*=/i.test(attrs)) continue;
    scripts.push({ text, kind: kindOf(attrs, text) });
  }
  return scripts;
}

function kindOf(attrs, text) {
  if (/type\s*=\s*"module"/i.test(attrs) && text.includes('dispatchEvent(new CustomEvent("TrunkApplicationStarted"')) {
    return "Trunk's module loader";
  }
  if (text.includes(".well-known/trunk/ws")) return "Trunk's reload client (trunk serve)";
  return null;
}

/** The one CSP meta element's policy in `html`. */
function policyOf(html) {
  const metas = [...html.matchAll(CSP_META)];
  if (metas.length !== 1) fail(`expected one <meta http-equiv="Content-Security-Policy">, found ${metas.length}`);
  return metas[0];
}

/**
 * The WebSocket base path `trunk serve` puts in its reload client, as Trunk 0.21 derives it
 * from the public URL (`RtcServe::ws_base`): a relative "./" is "/", an absolute URL its path.
 */
function wsBase(publicUrl = "/") {
  let base;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(publicUrl)) base = new URL(publicUrl).pathname;
  else if (publicUrl.startsWith("/")) base = publicUrl;
  else if (publicUrl.startsWith(".")) base = publicUrl.slice(1) || "/";
  else base = `/${publicUrl}`;
  return base.endsWith("/") ? base : `${base}/`;
}

/**
 * `trunk serve` fills two placeholders of its reload client in every response (the address
 * from the request's Host header): fill them here with what it would use, so the script's
 * text, and its hash, no longer change per request. `window.location.host` is Trunk's own
 * choice when a request has no Host header.
 */
function pinReloadClient(text) {
  return text
    .replaceAll("'{{__TRUNK_ADDRESS__}}'", "window.location.host")
    .replaceAll("`{{__TRUNK_ADDRESS__}}`", "window.location.host")
    .replaceAll("{{__TRUNK_WS_BASE__}}", wsBase(process.env.TRUNK_PUBLIC_URL));
}

function fill(path) {
  let html = readFileSync(path, "utf8");
  for (const script of inlineScripts(html)) {
    if (script.kind === null) {
      fail(`${path} has an inline script Trunk did not write; move it into a file (as app/boot.js):\n${script.text.slice(0, 200)}`);
    }
    if (script.kind.startsWith("Trunk's reload client")) html = html.replace(script.text, () => pinReloadClient(script.text));
  }
  const scripts = inlineScripts(html);
  if (!scripts.some((s) => s.kind === "Trunk's module loader")) fail(`${path} has no Trunk module loader`);
  const meta = policyOf(html);
  const [element, policy] = meta;
  if (policy.split(PLACEHOLDER).length !== 2) fail(`the policy of ${path} must name ${PLACEHOLDER} once in script-src: ${policy}`);
  const hashes = [...new Set(scripts.map((s) => hashSource(s.text)))];
  const filled = element.replace(PLACEHOLDER, () => hashes.join(" "));
  html = html.slice(0, meta.index) + filled + html.slice(meta.index + element.length);
  writeFileSync(path, html);
  for (const script of scripts) console.log(`csp-hashes: ${script.kind} allowed by ${hashSource(script.text)}`);
}

function check(path) {
  const html = readFileSync(path, "utf8");
  const [, policy] = policyOf(html);
  const scriptSrc = policy.split(";").map((d) => d.trim().split(/\s+/)).find((d) => d[0] === "script-src");
  if (!scriptSrc) fail(`the policy of ${path} has no script-src`);
  const allowed = scriptSrc.filter((s) => s.startsWith("'sha256-"));
  const hashes = inlineScripts(html).map((s) => hashSource(s.text));
  const missing = hashes.filter((h) => !allowed.includes(h));
  const extra = allowed.filter((h) => !hashes.includes(h));
  if (scriptSrc.includes(PLACEHOLDER) || scriptSrc.includes("'unsafe-inline'") || missing.length || extra.length) {
    fail(`${path}: script-src ${scriptSrc.slice(1).join(" ")}; inline scripts ${hashes.join(" ") || "none"}`);
  }
  console.log(`csp-hashes: ${path}: ${hashes.length} inline script(s), each allowed by its hash, nothing else`);
}

const args = process.argv.slice(2);
if (args[0] === "--check") check(args[1] ?? "dist/index.html");
else {
  const staging = process.env.TRUNK_STAGING_DIR;
  const path = args[0] ?? (staging ? join(staging, "index.html") : fail("no index.html given and TRUNK_STAGING_DIR unset"));
  fill(path);
}
