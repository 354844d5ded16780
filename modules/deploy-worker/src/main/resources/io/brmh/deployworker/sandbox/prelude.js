// Evaluated first in every sandbox context: a CommonJS loader over the modules the host defined
// (nothing is read from a disk; Node's own modules such as fs or child_process do not exist), a
// process object with the function's environment only, and the entry the host invokes.
(function () {
  'use strict';
  const factories = Object.create(null);
  const jsons = Object.create(null);
  const cache = Object.create(null);

  function dirname(path) {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '' : path.substring(0, slash);
  }

  // A path inside the package, or null when it would leave it.
  function normalize(path) {
    const out = [];
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (out.length === 0) return null;
        out.pop();
      } else {
        out.push(part);
      }
    }
    return out.join('/');
  }

  function resolveFile(path, depth) {
    if (path === null || depth > 8) return null;
    for (const candidate of [path, path + '.js', path + '.json', path + '/index.js', path + '/index.json']) {
      if (candidate in factories || candidate in jsons) return candidate;
    }
    const manifest = (path === '' ? '' : path + '/') + 'package.json';
    if (manifest in jsons) {
      const main = JSON.parse(jsons[manifest]).main;
      if (typeof main === 'string') return resolveFile(normalize(path + '/' + main), depth + 1);
    }
    return null;
  }

  function resolve(from, name) {
    if (name.startsWith('./') || name.startsWith('../')) {
      return resolveFile(normalize(dirname(from) + '/' + name), 0);
    }
    if (name.startsWith('/')) {
      return resolveFile(normalize(name), 0);
    }
    for (let dir = dirname(from); ; dir = dirname(dir)) {
      const found = resolveFile(normalize((dir === '' ? '' : dir + '/') + 'node_modules/' + name), 0);
      if (found !== null || dir === '') return found;
    }
  }

  function load(path) {
    if (path in cache) return cache[path].exports;
    const module = { exports: {}, id: path, filename: path, loaded: false };
    cache[path] = module;
    if (path in jsons) {
      module.exports = JSON.parse(jsons[path]);
    } else {
      factories[path].call(module.exports, module.exports, requireFrom(path), module, path, dirname(path));
    }
    module.loaded = true;
    return module.exports;
  }

  function requireFrom(from) {
    return function require(name) {
      const path = typeof name === 'string' ? resolve(from, name) : null;
      if (path === null) {
        const error = new Error("Cannot find module '" + name + "' from '" + from + "'");
        error.code = 'MODULE_NOT_FOUND';
        throw error;
      }
      return load(path);
    };
  }

  function describe(error) {
    if (error instanceof Error) return error.stack || (error.name + ': ' + error.message);
    try {
      return 'Error: ' + JSON.stringify(error);
    } catch (unprintable) {
      return 'Error: ' + String(error);
    }
  }

  const brmh = {
    define(path, factory) {
      factories[path] = factory;
    },
    defineJson(path, text) {
      jsons[path] = text;
    },
    setEnvironment(json) {
      globalThis.process = Object.freeze({
        env: Object.freeze(JSON.parse(json)),
        platform: 'brmh',
        version: 'v20.0.0',
        versions: Object.freeze({}),
      });
    },
    handler(modulePath, exportName) {
      const exported = load(modulePath)[exportName];
      if (typeof exported !== 'function') {
        throw new TypeError(modulePath + ' exports no function ' + exportName);
      }
      return exported;
    },
    invoke(handler, eventJson, contextJson, done, fail) {
      const context = JSON.parse(contextJson);
      const deadline = context.deadlineMs;
      delete context.deadlineMs;
      context.getRemainingTimeInMillis = () => Math.max(0, deadline - Date.now());
      let answer;
      try {
        answer = handler(JSON.parse(eventJson), context);
      } catch (error) {
        fail(describe(error));
        return;
      }
      Promise.resolve(answer).then(
        (value) => {
          let text;
          try {
            text = value === undefined ? null : JSON.stringify(value);
          } catch (error) {
            fail(describe(error));
            return;
          }
          done(text === undefined ? null : text);
        },
        (error) => fail(describe(error)));
    },
  };
  // fetch as functions know it, sent by the host's outbound client (see SandboxFetch).
  const hostFetch = globalThis.__brmhFetch;
  delete globalThis.__brmhFetch;
  globalThis.fetch = async function fetch(url, init) {
    const options = init || {};
    const answer = JSON.parse(hostFetch(JSON.stringify({
      url: String(url),
      method: options.method || 'GET',
      headers: options.headers || {},
      body: options.body === undefined ? null : String(options.body),
    })));
    if (answer.error !== undefined) {
      throw new TypeError('fetch failed: ' + answer.error);
    }
    const headers = answer.headers;
    return {
      ok: answer.status >= 200 && answer.status < 300,
      status: answer.status,
      headers: { get: (name) => headers[String(name).toLowerCase()] ?? null },
      text: async () => answer.body,
      json: async () => JSON.parse(answer.body),
    };
  };

  Object.freeze(brmh);
  Object.defineProperty(globalThis, '__brmh', { value: brmh, enumerable: false });
})();
