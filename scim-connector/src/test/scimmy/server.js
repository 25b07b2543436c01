// A real third-party SCIM 2.0 server (SCIMMY + SCIMMY routers on Express 4) for Usher's
// integration tests. SCIMMY leaves storage, filtering and uniqueness to these handlers; the
// gaps listed in shared PITFALLS are covered here:
//  - filters are evaluated by the small parser below: attribute names are case-insensitive,
//    extension attributes (URN-prefixed) work, a record without the attribute simply does not
//    match, "not (A or B)" is evaluated correctly;
//  - userName (case-insensitive) and externalId are unique: 409 with scimType "uniqueness";
//  - a page past the end is empty (SCIMMY alone repeats page 1);
//  - count is capped at filter.maxResults;
//  - SCIMMY's own filter parser rejects escaped quotes in values ("a \"b\""), so filters are
//    parsed here first (a malformed one is a 400 invalidFilter) and handed to the handlers
//    through the request context, SCIMMY seeing only a placeholder;
//  - adding a member a group already has changes nothing (RFC 7644 section 3.5.2.1).
// Usage: SCIM_TOKEN=secret node server.js [port]   (port 0 or absent: any free port)
// Prints one line {"port": N} on standard output when ready. POST /_reset empties the store.
import express from "express";
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";
import {randomUUID} from "node:crypto";

const TOKEN = process.env.SCIM_TOKEN ?? "test-token";
const MAX_RESULTS = Number(process.env.SCIM_MAX_RESULTS ?? 200);
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const users = new Map();
const groups = new Map();

// ---------------------------------------------------------------- filter evaluation
const CASE_EXACT = new Set(["id", "externalid", "members.value", "groups.value", "meta.version"]);

function tokenize(text) {
    const tokens = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (/\s/.test(c)) { i++; continue; }
        if ("()[]".includes(c)) { tokens.push({t: c}); i++; continue; }
        if (c === '"') {
            let j = i + 1, raw = '"';
            while (j < text.length && text[j] !== '"') {
                if (text[j] === "\\") { raw += text[j] + text[j + 1]; j += 2; } else { raw += text[j]; j++; }
            }
            if (j >= text.length) throw bad(`unterminated string at ${i}`);
            tokens.push({t: "value", v: JSON.parse(raw + '"')});
            i = j + 1;
            continue;
        }
        let j = i;
        while (j < text.length && !/[\s()\[\]"]/.test(text[j])) j++;
        const word = text.slice(i, j);
        i = j;
        if (/^(true|false|null)$/i.test(word)) tokens.push({t: "value", v: JSON.parse(word.toLowerCase())});
        else if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(word)) tokens.push({t: "value", v: Number(word)});
        else tokens.push({t: "word", v: word});
    }
    return tokens;
}

function bad(message) {
    return new SCIMMY.Types.Error(400, "invalidFilter", `Invalid filter: ${message}`);
}

function parseFilter(text) {
    const tokens = tokenize(text);
    let pos = 0;
    const peekWord = (w) => tokens[pos]?.t === "word" && tokens[pos].v.toLowerCase() === w;
    const expect = (t) => { if (tokens[pos]?.t !== t) throw bad(`expected '${t}' at token ${pos}`); pos++; };
    function or() {
        let left = and();
        while (peekWord("or")) { pos++; left = {or: [left, and()]}; }
        return left;
    }
    function and() {
        let left = unary();
        while (peekWord("and")) { pos++; left = {and: [left, unary()]}; }
        return left;
    }
    function unary() {
        if (peekWord("not")) { pos++; expect("("); const e = or(); expect(")"); return {not: e}; }
        if (tokens[pos]?.t === "(") { pos++; const e = or(); expect(")"); return e; }
        const attr = tokens[pos];
        if (attr?.t !== "word") throw bad(`expected an attribute at token ${pos}`);
        pos++;
        if (tokens[pos]?.t === "[") { pos++; const inner = or(); expect("]"); return {path: splitPath(attr.v), valueFilter: inner}; }
        const op = tokens[pos];
        if (op?.t !== "word") throw bad(`expected an operator after '${attr.v}'`);
        pos++;
        const o = op.v.toLowerCase();
        if (o === "pr") return {path: splitPath(attr.v), op: o};
        if (!["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"].includes(o)) throw bad(`unknown operator '${op.v}'`);
        const value = tokens[pos];
        if (value?.t !== "value") throw bad(`expected a value after '${attr.v} ${op.v}'`);
        pos++;
        return {path: splitPath(attr.v), op: o, value: value.v};
    }
    const tree = or();
    if (pos !== tokens.length) throw bad(`unexpected token ${pos}`);
    return tree;
}

function splitPath(path) {
    const colon = path.lastIndexOf(":");
    const urn = colon >= 0 ? path.slice(0, colon) : null;
    const names = (colon >= 0 ? path.slice(colon + 1) : path).split(".");
    return {urn, names};
}

function getCI(obj, name) {
    if (obj === null || typeof obj !== "object") return undefined;
    const key = Object.keys(obj).find(k => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : obj[key];
}

function resolve(record, {urn, names}) {
    let values = [urn ? getCI(record, urn) : record];
    for (const name of names) {
        values = values.flatMap(v => {
            const x = getCI(v, name);
            return x === undefined || x === null ? [] : (Array.isArray(x) ? x : [x]);
        });
    }
    // A complex multi-valued attribute compared without sub-attribute compares its "value"s.
    return values.map(v => (v !== null && typeof v === "object" && "value" in v ? v.value : v));
}

function compare(actual, op, expected, caseExact) {
    if (typeof actual === "string" && typeof expected === "string" && !caseExact) {
        actual = actual.toLowerCase();
        expected = expected.toLowerCase();
    }
    switch (op) {
        case "eq": return actual === expected;
        case "ne": return actual !== expected;
        case "co": return String(actual).includes(String(expected));
        case "sw": return String(actual).startsWith(String(expected));
        case "ew": return String(actual).endsWith(String(expected));
        case "gt": return typeof actual === typeof expected && actual > expected;
        case "ge": return typeof actual === typeof expected && actual >= expected;
        case "lt": return typeof actual === typeof expected && actual < expected;
        case "le": return typeof actual === typeof expected && actual <= expected;
        default: return false;
    }
}

function matches(record, f) {
    if (f.or) return matches(record, f.or[0]) || matches(record, f.or[1]);
    if (f.and) return matches(record, f.and[0]) && matches(record, f.and[1]);
    if (f.not) return !matches(record, f.not);
    if (f.valueFilter) {
        let elements = [f.path.urn ? getCI(record, f.path.urn) : record];
        for (const name of f.path.names) elements = elements.flatMap(v => [getCI(v, name) ?? []].flat());
        return elements.some(e => e !== null && typeof e === "object" && matches(e, f.valueFilter));
    }
    const values = resolve(record, f.path);
    if (f.op === "pr") return values.some(v => v !== "" && !(Array.isArray(v) && v.length === 0));
    if (f.op === "ne") return values.length === 0 || values.every(v => compare(v, "ne", f.value, false));
    const exact = CASE_EXACT.has(f.path.names.join(".").toLowerCase());
    return values.some(v => compare(v, f.op, f.value, exact));
}

// ---------------------------------------------------------------- storage handlers
function plain(instance) {
    return JSON.parse(JSON.stringify(instance));
}

function list(resource, store, ctx) {
    let records = [...store.values()];
    const filter = ctx?.filter;
    if (filter) records = records.filter(r => matches(r, filter));
    const c = resource.constraints;
    if (c) {
        if (c.count !== undefined) c.count = Math.min(c.count, MAX_RESULTS);
        // SCIMMY repeats page 1 for a startIndex past the end: answer an empty page instead.
        if (c.startIndex !== undefined && c.startIndex > records.length) {
            c.totalResults = records.length;
            return [];
        }
    }
    return records;
}

function checkUnique(record, selfId) {
    for (const other of users.values()) {
        if (other.id === selfId) continue;
        if (record.userName && other.userName?.toLowerCase() === record.userName.toLowerCase())
            throw new SCIMMY.Types.Error(409, "uniqueness", `userName '${record.userName}' is already in use`);
        if (record.externalId && other.externalId === record.externalId)
            throw new SCIMMY.Types.Error(409, "uniqueness", `externalId '${record.externalId}' is already in use`);
    }
}

function withGroups(user) {
    const held = [...groups.values()].filter(g => (g.members ?? []).some(m => m.value === user.id))
        .map(g => ({value: g.id, display: g.displayName, type: "direct"}));
    return held.length ? {...user, groups: held} : user;
}

function stamp(record, previous) {
    const now = new Date().toISOString();
    record.meta = {...(previous?.meta ?? {}), created: previous?.meta?.created ?? now, lastModified: now};
    delete record.meta.location;
    return record;
}

SCIMMY.Resources.declare(SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false), {
    egress: (resource, ctx) => {
        if (resource.id) {
            const u = users.get(resource.id);
            if (!u) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
            return withGroups(u);
        }
        return list(resource, new Map([...users].map(([k, u]) => [k, withGroups(u)])), ctx);
    },
    ingress: (resource, instance) => {
        const record = plain(instance);
        delete record.groups;
        if (resource.id) {
            const previous = users.get(resource.id);
            if (!previous) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
            checkUnique(record, resource.id);
            record.id = resource.id;
            users.set(resource.id, stamp(record, previous));
        } else {
            checkUnique(record, null);
            record.id = randomUUID();
            users.set(record.id, stamp(record));
        }
        return withGroups(users.get(record.id));
    },
    degress: (resource) => {
        if (!users.delete(resource.id)) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        for (const g of groups.values()) g.members = (g.members ?? []).filter(m => m.value !== resource.id);
    }
});

SCIMMY.Resources.declare(SCIMMY.Resources.Group, {
    egress: (resource, ctx) => {
        if (resource.id) {
            const g = groups.get(resource.id);
            if (!g) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
            return g;
        }
        return list(resource, groups, ctx);
    },
    ingress: (resource, instance) => {
        const record = plain(instance);
        if (record.members) {
            const seen = new Set();
            record.members = record.members.filter(m => !seen.has(m.value) && seen.add(m.value));
        }
        for (const m of record.members ?? []) {
            if (!users.has(m.value) && !groups.has(m.value))
                throw new SCIMMY.Types.Error(400, "invalidValue", `member '${m.value}' does not exist`);
        }
        if (resource.id) {
            const previous = groups.get(resource.id);
            if (!previous) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
            record.id = resource.id;
            groups.set(resource.id, stamp(record, previous));
        } else {
            record.id = randomUUID();
            groups.set(record.id, stamp(record));
        }
        return groups.get(record.id);
    },
    degress: (resource) => {
        if (!groups.delete(resource.id)) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
    }
});

// ---------------------------------------------------------------- HTTP
const app = express();
app.post("/_reset", (req, res) => {
    users.clear();
    groups.clear();
    res.status(204).end();
});
// Parse filters with the parser above before SCIMMY sees them (see the header).
app.use("/scim/v2", express.json({type: ["application/scim+json", "application/json"], limit: 1048576}), (req, res, next) => {
    const holder = req.method === "GET" ? req.query : (req.path.endsWith("/.search") ? req.body : null);
    if (holder && typeof holder.filter === "string") {
        try {
            req.usherFilter = parseFilter(holder.filter);
        } catch (ex) {
            return res.status(400).type("application/scim+json").send(new SCIMMY.Messages.Error(ex));
        }
        holder.filter = "id pr";
    }
    next();
});
app.use("/scim/v2", new SCIMMYRouters({
    type: "bearer",
    handler: (request) => {
        if (request.header("Authorization") !== `Bearer ${TOKEN}`) throw new Error("Bearer token missing or not accepted");
        return "usher-tests";
    },
    context: (req) => ({filter: req.usherFilter})
}));
SCIMMY.Config.set({filter: {supported: true, maxResults: MAX_RESULTS}, bulk: {supported: true, maxOperations: 100, maxPayloadSize: 1048576}});

const server = app.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
    process.stdout.write(JSON.stringify({port: server.address().port}) + "\n");
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
