/*
 * NAME
 *	sim 3
 * SUMMARY
 *	simulator engine: clock, events, hosts, streams, core instances
 * DESCRIPTION
 *	See simnet.h for the model. Every action of a core turns into events
 *	on the heap (never into a nested call into another core), so the
 *	order of everything is fixed by (time, push order) and the PRNG
 *	streams. Instances and connections stay allocated until sim_free()
 *	so that events and callers may hold them after they ended; a dead
 *	instance ignores its events.
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "mymalloc.h"
#include "stringops.h"
#include "htable.h"
#include "mail_params.h"
#include "netstring.h"
#include "simnet.h"
#include "sim_int.h"

#define SIM_TRACE_DATA_MAX	200	/* bytes of payload shown per line */

void    sim_options_init(SIM_OPTIONS *opts, uint64_t seed)
{
    memset(opts, 0, sizeof(*opts));
    opts->seed = seed;
    opts->latency_ms = 1;
    opts->disk_latency_ms = 1;
    opts->chunk_max = 64;
    opts->c2s_chunking = SIM_CHUNK_RANDOM;
    opts->wall_base = 1700000000;
}

/*
 * Defaults as the parameter table gives them, except that host facts
 * (myhostname, mynetworks ...) are the simulated host's, never the real
 * machine's: a trace must not depend on where it runs.
 */
static const char *sim_conf_default(const char *name, void *unused_ctx)
{
    static const char *const host_facts[][2] = {
	{"myhostname", "mx.example"},
	{"mydomain", "example"},
	{"mynetworks", "127.0.0.0/8 192.0.2.1/32"},
	{"process_id", "1"},
	{"process_name", "simnet"},
	/* a current configuration, as "make run" and new installs write */
	{"compatibility_level", "3.7"},
    };
    const PARAM_SPEC *spec;
    size_t  i;

    for (i = 0; i < sizeof(host_facts) / sizeof(host_facts[0]); i++)
	if (strcmp(name, host_facts[i][0]) == 0)
	    return (host_facts[i][1]);
    spec = param_find(name);
    return (spec ? spec->def : 0);
}

SIM    *sim_create(const SIM_OPTIONS *opts)
{
    SIM    *sim = (SIM *) mycalloc(1, sizeof(*sim));
    PRNG    disk_rng;

    sim->opts = *opts;
    if (sim->opts.chunk_max == 0)
	sim->opts.chunk_max = 1;
    prng_seed(&sim->root, opts->seed);
    sim->net = prng_fork(&sim->root, SIM_RNG_NET);
    disk_rng = prng_fork(&sim->root, SIM_RNG_DISK);
    sim->cores = prng_fork(&sim->root, SIM_RNG_CORES);
    sim_heap_init(&sim->heap);
    sim->trace = vstring_alloc(4096);
    sim->tmp = vstring_alloc(256);
    sim->conf = mail_conf_create((MAIN_CF *) 0);
    mail_conf_set_defaults(sim->conf, sim_conf_default, (void *) 0);
    sim->disk = sim_disk_create(&disk_rng);
    sim_disk_random_eio(sim->disk, opts->disk_eio_permille);
    sim->tables = htable_create(16);
    core_outbox_init(&sim->outbox);
    sim_trace(sim, "sim seed %llu", (unsigned long long) opts->seed);
    return (sim);
}

static void sim_event_free(void *ptr)
{
    SIM_EVENT *sev = (SIM_EVENT *) ptr;

    myfree(sev->buf);
    myfree(sev);
}

static void sim_inst_kill(SIM *sim, SIM_INST *inst)
{
    if (inst->dead)
	return;
    inst->dead = 1;
    inst->reap = 1;
}

/* Frees the state of dead cores; never while one of them is running. */
static void sim_reap(SIM *sim)
{
    size_t  i;
    SIM_INST *inst;

    if (sim->dispatching)
	return;
    for (i = 0; i < sim->ninsts; i++) {
	inst = sim->insts[i];
	if (inst->reap) {
	    inst->reap = 0;
	    if (inst->core)
		inst->ops->free(inst->core);
	    inst->core = 0;
	}
    }
}

void    sim_free(SIM *sim)
{
    size_t  i;

    if (sim == 0)
	return;
    for (i = 0; i < sim->ninsts; i++)
	sim_inst_kill(sim, sim->insts[i]);
    sim_reap(sim);
    for (i = 0; i < sim->ninsts; i++) {
	myfree(sim->insts[i]->service);
	myfree(sim->insts[i]);
    }
    myfree(sim->insts);
    for (i = 0; i < sim->nconns; i++) {
	myfree(sim->conns[i]->client_addr);
	vstring_free(sim->conns[i]->inbox);
	myfree(sim->conns[i]);
    }
    myfree(sim->conns);
    for (i = 0; i < sim->nhosts; i++) {
	myfree(sim->hosts[i]->name);
	myfree(sim->hosts[i]->addr);
	argv_free(sim->hosts[i]->service_names);
	myfree(sim->hosts[i]->service_ops);
	myfree(sim->hosts[i]);
    }
    myfree(sim->hosts);
    sim_heap_free(&sim->heap, sim_event_free);
    vstring_free(sim->trace);
    vstring_free(sim->tmp);
    mail_conf_free(sim->conf);
    sim_disk_free(sim->disk);
    htable_free(sim->tables, myfree);
    core_outbox_free(&sim->outbox);
    myfree(sim);
}

MAIL_CONF *sim_conf(SIM *sim)
{
    return (sim->conf);
}

void    sim_config(SIM *sim, const char *name, const char *value)
{
    mail_conf_override(sim->conf, name, value);
    sim_trace(sim, "config %s = %s", name, value);
}

SIM_DISK *sim_disk(SIM *sim)
{
    return (sim->disk);
}

core_time_ms sim_now(SIM *sim)
{
    return (sim->now);
}

size_t  sim_pending(SIM *sim)
{
    return (sim->heap.count);
}

int     sim_crashed(SIM *sim)
{
    return (sim->crashed);
}

const VSTRING *sim_trace_text(SIM *sim)
{
    return (sim->trace);
}

/* ---- trace ------------------------------------------------------------ */

VSTRING *sim_escape(VSTRING *out, const char *data, size_t len)
{
    size_t  i;
    unsigned char ch;

    for (i = 0; i < len; i++) {
	ch = (unsigned char) data[i];
	switch (ch) {
	case '\r':
	    vstring_strcat(out, "\\r");
	    break;
	case '\n':
	    vstring_strcat(out, "\\n");
	    break;
	case '\t':
	    vstring_strcat(out, "\\t");
	    break;
	case '\\':
	    vstring_strcat(out, "\\\\");
	    break;
	case '"':
	    vstring_strcat(out, "\\\"");
	    break;
	default:
	    if (ch < 0x20 || ch >= 0x7f)
		vstring_sprintf_append(out, "\\x%02x", ch);
	    else
		vstring_addch(out, ch);
	}
    }
    return (out);
}

void    sim_trace(SIM *sim, const char *fmt,...)
{
    va_list ap;

    vstring_sprintf_append(sim->trace, "%lld.%03lld ",
			   (long long) (sim->now / 1000),
			   (long long) (sim->now % 1000));
    va_start(ap, fmt);
    vstring_vsprintf_append(sim->trace, fmt, ap);
    va_end(ap);
    vstring_addch(sim->trace, '\n');
}

/* "len N \"escaped...\"" for a payload. */
static const char *sim_trace_data(SIM *sim, const char *data, size_t len)
{
    vstring_sprintf(sim->tmp, "len %zu \"", len);
    sim_escape(sim->tmp, data, len > SIM_TRACE_DATA_MAX ? SIM_TRACE_DATA_MAX : len);
    vstring_strcat(sim->tmp, len > SIM_TRACE_DATA_MAX ? "\"..." : "\"");
    return (vstring_str(sim->tmp));
}

/* ---- hosts ------------------------------------------------------------ */

static SIM_HOST *sim_host_find(SIM *sim, const char *name)
{
    size_t  i;

    if (name == 0)
	return (sim->nhosts ? sim->hosts[0] : 0);
    for (i = 0; i < sim->nhosts; i++)
	if (strcmp(sim->hosts[i]->name, name) == 0
	    || strcmp(sim->hosts[i]->addr, name) == 0)
	    return (sim->hosts[i]);
    return (0);
}

int     sim_host_add(SIM *sim, const char *name, const char *addr)
{
    SIM_HOST *host;

    if (sim_host_find(sim, name) != 0)
	return (-1);
    host = (SIM_HOST *) mycalloc(1, sizeof(*host));
    host->name = mystrdup(name);
    host->addr = mystrdup(addr);
    host->service_names = argv_alloc(4);
    sim->hosts = myrealloc(sim->hosts, (sim->nhosts + 1) * sizeof(*sim->hosts));
    sim->hosts[sim->nhosts++] = host;
    sim_trace(sim, "host %s %s", name, addr);
    return (0);
}

int     sim_service_add(SIM *sim, const char *host_name, const char *service,
			        const SIM_CORE_OPS *ops)
{
    SIM_HOST *host = sim_host_find(sim, host_name);
    size_t  i;

    if (host == 0 || ops == 0)
	return (-1);
    for (i = 0; i < host->service_names->argc; i++) {
	if (strcmp(host->service_names->argv[i], service) == 0) {
	    host->service_ops[i] = ops;
	    sim_trace(sim, "service %s %s core %s", host->name, service, ops->name);
	    return (0);
	}
    }
    argv_add(host->service_names, service);
    host->service_ops = myrealloc(host->service_ops,
			   host->service_names->argc * sizeof(*host->service_ops));
    host->service_ops[host->service_names->argc - 1] = ops;
    sim_trace(sim, "service %s %s core %s", host->name, service, ops->name);
    return (0);
}

static const SIM_CORE_OPS *sim_service_find(SIM_HOST *host, const char *service)
{
    size_t  i;

    for (i = 0; i < host->service_names->argc; i++)
	if (strcmp(host->service_names->argv[i], service) == 0)
	    return (host->service_ops[i]);
    return (0);
}

void    sim_table_set(SIM *sim, const char *table, const char *key,
		              const char *value)
{
    char   *name = concatenate(table, "\t", key, (char *) 0);

    htable_delete(sim->tables, name, myfree);
    htable_enter(sim->tables, name, mystrdup(value));
    myfree(name);
}

/* ---- environment handed to cores ---------------------------------------- */

static void sim_env_log(void *ctx, MSG_LEVEL level, const char *text)
{
    SIM_INST *inst = (SIM_INST *) ctx;

    sim_trace(inst->sim, "log #%llu %s %s%s", (unsigned long long) inst->number,
	      inst->service, msg_level_prefix(level), text);
}

static int64_t sim_env_wall_time(void *ctx, core_time_ms now)
{
    SIM    *sim = (SIM *) ctx;

    return (sim->opts.wall_base + now / 1000);
}

static int sim_env_lookup(void *ctx, const char *table, const char *key,
			          const char **value)
{
    SIM    *sim = (SIM *) ctx;
    char   *name = concatenate(table, "\t", key, (char *) 0);
    const char *found = (const char *) htable_find(sim->tables, name);

    myfree(name);
    if (found == 0)
	return (1);
    *value = found;
    return (0);
}

static SIM_INST *sim_inst_create(SIM *sim, SIM_HOST *host, const char *service,
				         const SIM_CORE_OPS *ops,
				         const char *client_addr,
				         uint64_t conversation)
{
    SIM_INST *inst = (SIM_INST *) mycalloc(1, sizeof(*inst));
    SIM_SESSION session;

    inst->sim = sim;
    inst->number = sim->ninsts + 1;
    inst->ops = ops;
    inst->service = mystrdup(service);
    inst->host = host;
    inst->conv_id = conversation;
    inst->rng = prng_fork(&sim->cores, inst->number);
    inst->env.rng = &inst->rng;
    inst->env.log = sim_env_log;
    inst->env.log_ctx = inst;
    inst->env.wall_time = sim_env_wall_time;
    inst->env.time_ctx = sim;
    inst->env.lookup = sim_env_lookup;
    inst->env.dict_ctx = sim;
    if (sim->ninsts == sim->instcap) {
	sim->instcap = sim->instcap ? sim->instcap * 2 : 16;
	sim->insts = myrealloc(sim->insts, sim->instcap * sizeof(*sim->insts));
    }
    sim->insts[sim->ninsts++] = inst;

    session.service = service;
    session.host_name = host->name;
    session.host_addr = host->addr;
    session.client_addr = client_addr ? client_addr : "";
    session.conversation = conversation;
    session.instance = inst->number;
    inst->core = ops->create(sim->conf, &inst->env, &session);
    if (inst->core == 0)
	inst->dead = 1;
    sim_trace(sim, "start #%llu %s core %s on %s%s", (unsigned long long) inst->number,
	      service, ops->name, host->name, inst->dead ? " refused" : "");
    return (inst);
}

/* ---- scheduling --------------------------------------------------------- */

static SIM_EVENT *sim_event_new(SIM_EV_KIND kind, const char *data, size_t len)
{
    SIM_EVENT *sev = (SIM_EVENT *) mycalloc(1, sizeof(*sev));

    sev->kind = kind;
    if (len > 0) {
	sev->buf = mymemdup(data, len);
	sev->ev.data = sev->buf;
	sev->ev.len = len;
    }
    return (sev);
}

static void sim_schedule(SIM *sim, core_time_ms when, SIM_EVENT *sev)
{
    if (when < sim->now)
	when = sim->now;
    sim_heap_push(&sim->heap, when, sev);
}

/* A CORE_EVENT for an instance. */
static SIM_EVENT *sim_schedule_core(SIM *sim, core_time_ms when, SIM_INST *inst,
				            CORE_EVENT_TYPE type, uint64_t id,
				            int op, int status, int64_t arg,
				            const char *data, size_t len)
{
    SIM_EVENT *sev = sim_event_new(SIM_EV_CORE, data, len);

    sev->inst = inst;
    sev->ev.type = type;
    sev->ev.id = id;
    sev->ev.op = op;
    sev->ev.status = status;
    sev->ev.arg = arg;
    sim_schedule(sim, when, sev);
    return (sev);
}

static size_t sim_chunk_size(SIM *sim, SIM_CHUNKING how, size_t left)
{
    size_t  n;

    switch (how) {
    case SIM_CHUNK_WHOLE:
	return (left);
    case SIM_CHUNK_BYTE:
	return (1);
    default:
	n = (size_t) prng_range(&sim->net, 1, sim->opts.chunk_max);
	return (n < left ? n : left);
    }
}

/* Cuts bytes into deliveries that arrive in order after the latency. */
static void sim_stream_send(SIM *sim, SIM_CONN *conn, int to_server,
			            const char *data, size_t len)
{
    core_time_ms when = sim->now + sim->opts.latency_ms;
    core_time_ms *last = to_server ? &conn->c2s_last : &conn->s2c_last;
    SIM_CHUNKING how = to_server ? sim->opts.c2s_chunking : SIM_CHUNK_RANDOM;
    size_t  n;
    SIM_EVENT *sev;

    if (!to_server && when < conn->s2c_stall_until)
	when = conn->s2c_stall_until;
    if (when < *last)
	when = *last;
    *last = when;
    while (len > 0) {
	n = sim_chunk_size(sim, how, len);
	if (to_server) {
	    sim_schedule_core(sim, when, conn->server, CORE_EV_BYTES, 0, 0, 0, 0,
			      data, n);
	} else {
	    sev = sim_event_new(SIM_EV_CLIENT_BYTES, data, n);
	    sev->conn = conn;
	    sim_schedule(sim, when, sev);
	}
	data += n;
	len -= n;
    }
}

static void sim_stream_close(SIM *sim, SIM_CONN *conn, int to_server, int status)
{
    core_time_ms when = sim->now + sim->opts.latency_ms;
    core_time_ms *last = to_server ? &conn->c2s_last : &conn->s2c_last;
    SIM_EVENT *sev;

    if (when < *last)
	when = *last;
    *last = when;
    if (to_server) {
	sim_schedule_core(sim, when, conn->server, CORE_EV_PEER_CLOSED, 0, 0,
			  status, 0, 0, 0);
    } else {
	sev = sim_event_new(SIM_EV_CLIENT_CLOSED, 0, 0);
	sev->conn = conn;
	sev->ev.status = status;
	sim_schedule(sim, when, sev);
    }
}

/* ---- executing actions ---------------------------------------------------- */

static SIM_INST *sim_conversation_find(SIM *sim, SIM_INST *requester,
				               const char *service, uint64_t id)
{
    size_t  i;
    SIM_INST *inst;

    for (i = 0; i < sim->ninsts; i++) {
	inst = sim->insts[i];
	if (!inst->dead && inst->requester == requester && inst->conv_id == id
	    && strcmp(inst->service, service) == 0)
	    return (inst);
    }
    return (0);
}

static void sim_do_request(SIM *sim, SIM_INST *inst, const CORE_ACTION *act)
{
    const char *service = act->target ? act->target : "";
    const SIM_CORE_OPS *ops = sim_service_find(inst->host, service);
    SIM_INST *peer;

    sim_trace(sim, "request #%llu -> %s id %llu op %d arg %lld %s",
	      (unsigned long long) inst->number, service,
	      (unsigned long long) act->id, act->op, (long long) act->arg,
	      sim_trace_data(sim, act->data, act->len));
    if ((peer = sim_conversation_find(sim, inst, service, act->id)) == 0 && ops != 0) {
	peer = sim_inst_create(sim, inst->host, service, ops, "", act->id);
	peer->requester = inst;
	if (!peer->dead)
	    sim_schedule_core(sim, sim->now, peer, CORE_EV_START, act->id, 0, 0, 0, 0, 0);
    }
    if (peer == 0 || peer->dead) {
	sim_trace(sim, "request #%llu -> %s refused", (unsigned long long) inst->number,
		  service);
	sim_schedule_core(sim, sim->now, inst, CORE_EV_REPLY, act->id, act->op,
			  ECONNREFUSED, 0, 0, 0);
	return;
    }
    sim_schedule_core(sim, sim->now, peer, CORE_EV_REQUEST, act->id, act->op, 0,
		      act->arg, act->data, act->len);
}

static void sim_do_file_op(SIM *sim, SIM_INST *inst, const CORE_ACTION *act)
{
    VSTRING *result = vstring_alloc(32);
    int     status;
    uint64_t number;
    const char *target = act->target ? act->target : "";

    status = sim_disk_op(sim->disk, act->op, target, act->data, act->len,
			 act->arg, result);
    number = sim_disk_op_count(sim->disk);
    if (status == SIM_DISK_CRASHED) {
	vstring_free(result);
	vstring_sprintf(sim->tmp, "disk crash at op %llu (%s %s)",
			(unsigned long long) number, sim_disk_op_name(act->op),
			target);
	sim_crash(sim, vstring_str(sim->tmp));
	return;
    }
    sim_trace(sim, "disk op %llu #%llu %s %s arg %lld len %zu -> status %d%s%s",
	      (unsigned long long) number, (unsigned long long) inst->number,
	      sim_disk_op_name(act->op), target, (long long) act->arg,
	      act->len, status, vstring_len(result) ? " id " : "",
	      vstring_str(result));
    sim_schedule_core(sim, sim->now + sim->opts.disk_latency_ms, inst,
		      CORE_EV_FILE_RESULT, act->id, act->op, status, 0,
		      vstring_str(result), vstring_len(result));
    vstring_free(result);
}

static void sim_execute(SIM *sim, SIM_INST *inst, const CORE_ACTION *act)
{
    SIM_EVENT *sev;
    core_time_ms when;

    switch (act->type) {
    case CORE_ACT_SEND:
	if (inst->conn == 0 || inst->conn->server_closed) {
	    sim_trace(sim, "send #%llu dropped: no stream", (unsigned long long) inst->number);
	    break;
	}
	sim_trace(sim, "send #%llu s>c conn %llu %s", (unsigned long long) inst->number,
		  (unsigned long long) inst->conn->number,
		  sim_trace_data(sim, act->data, act->len));
	sim_stream_send(sim, inst->conn, 0, act->data, act->len);
	break;
    case CORE_ACT_CLOSE:
	sim_trace(sim, "close #%llu %s", (unsigned long long) inst->number, inst->service);
	if (inst->conn && !inst->conn->server_closing) {
	    inst->conn->server_closing = 1;
	    sim_stream_close(sim, inst->conn, 0, 0);
	}
	sim_inst_kill(sim, inst);
	break;
    case CORE_ACT_TIMER:
	inst->timer_gen++;
	if (act->deadline == CORE_TIME_NEVER) {
	    sim_trace(sim, "timer #%llu off", (unsigned long long) inst->number);
	    break;
	}
	when = act->deadline < sim->now ? sim->now : act->deadline;
	sim_trace(sim, "timer #%llu at %lld.%03lld", (unsigned long long) inst->number,
		  (long long) (when / 1000), (long long) (when % 1000));
	sev = sim_event_new(SIM_EV_TIMER, 0, 0);
	sev->inst = inst;
	sev->gen = inst->timer_gen;
	sim_schedule(sim, when, sev);
	break;
    case CORE_ACT_REQUEST:
	sim_do_request(sim, inst, act);
	break;
    case CORE_ACT_REPLY:
	sim_trace(sim, "reply #%llu id %llu status %d %s", (unsigned long long) inst->number,
		  (unsigned long long) act->id, act->status,
		  sim_trace_data(sim, act->data, act->len));
	if (inst->requester == 0 || inst->requester->dead) {
	    sim_trace(sim, "reply #%llu dropped: no requester", (unsigned long long) inst->number);
	    break;
	}
	sim_schedule_core(sim, sim->now, inst->requester, CORE_EV_REPLY, act->id,
			  act->op, act->status, act->arg, act->data, act->len);
	break;
    case CORE_ACT_FILE_OP:
	sim_do_file_op(sim, inst, act);
	break;
    case CORE_ACT_LOG:
	vstring_strncpy(sim->tmp, act->data ? act->data : "", act->len);
	sim_trace(sim, "log #%llu %s %s%s", (unsigned long long) inst->number,
		  inst->service, msg_level_prefix((MSG_LEVEL) act->op),
		  vstring_str(sim->tmp));
	break;
    case CORE_ACT_DNS_QUERY:
	sim_trace(sim, "dns #%llu %s type %d: not simulated", (unsigned long long) inst->number,
		  act->target ? act->target : "", act->op);
	sim_schedule_core(sim, sim->now, inst, CORE_EV_DNS_RESULT, act->id, act->op,
			  ENOSYS, 0, 0, 0);
	break;
    case CORE_ACT_START_TLS:
	sim_trace(sim, "tls #%llu: not simulated", (unsigned long long) inst->number);
	sim_schedule_core(sim, sim->now, inst, CORE_EV_TLS_DONE, act->id, 0,
			  ENOSYS, 0, 0, 0);
	break;
    default:
	sim_trace(sim, "action #%llu type %d: unknown", (unsigned long long) inst->number,
		  (int) act->type);
	break;
    }
}

/* Feeds one event to a core and carries out its outbox. */
static void sim_dispatch(SIM *sim, SIM_INST *inst, CORE_EVENT *ev)
{
    size_t  i;

    if (inst->dead || inst->core == 0)
	return;
    ev->now = sim->now;
    core_outbox_clear(&sim->outbox);
    sim->dispatching = 1;
    inst->ops->event(inst->core, ev, &sim->outbox);
    for (i = 0; i < sim->outbox.count && !sim->crashed; i++)
	sim_execute(sim, inst, sim->outbox.actions + i);
    core_outbox_clear(&sim->outbox);
    sim->dispatching = 0;
    sim_reap(sim);
}

static const char *sim_event_name(CORE_EVENT_TYPE type)
{
    static const char *names[] = {
	"start", "bytes", "peer-closed", "timer", "reply", "file-result",
	"dns-result", "tls-done", "request",
    };

    return ((size_t) type < sizeof(names) / sizeof(names[0]) ? names[type] : "?");
}

int     sim_step(SIM *sim)
{
    SIM_HEAP_ITEM item;
    SIM_EVENT *sev;
    SIM_CONN *conn;

    if (sim->crashed || !sim_heap_pop(&sim->heap, &item))
	return (0);
    sim->now = item.when;
    sev = (SIM_EVENT *) item.data;
    switch (sev->kind) {
    case SIM_EV_CORE:
	if (!sev->inst->dead) {
	    if (sev->ev.type == CORE_EV_BYTES)
		sim_trace(sim, "event #%llu bytes %s", (unsigned long long) sev->inst->number,
			  sim_trace_data(sim, sev->ev.data, sev->ev.len));
	    else
		sim_trace(sim, "event #%llu %s id %llu op %d status %d %s",
			  (unsigned long long) sev->inst->number,
			  sim_event_name(sev->ev.type), (unsigned long long) sev->ev.id,
			  sev->ev.op, sev->ev.status,
			  sim_trace_data(sim, sev->ev.data, sev->ev.len));
	}
	sim_dispatch(sim, sev->inst, &sev->ev);
	break;
    case SIM_EV_TIMER:
	if (!sev->inst->dead && sev->gen == sev->inst->timer_gen) {
	    sim_trace(sim, "event #%llu timer", (unsigned long long) sev->inst->number);
	    sev->ev.type = CORE_EV_TIMER;
	    sim_dispatch(sim, sev->inst, &sev->ev);
	}
	break;
    case SIM_EV_CLIENT_BYTES:
	conn = sev->conn;
	if (!conn->reset) {
	    sim_trace(sim, "recv conn %llu %s", (unsigned long long) conn->number,
		      sim_trace_data(sim, sev->ev.data, sev->ev.len));
	    vstring_memcat(conn->inbox, sev->ev.data, sev->ev.len);
	}
	break;
    case SIM_EV_CLIENT_CLOSED:
	conn = sev->conn;
	conn->server_closed = 1;
	sim_trace(sim, "eof conn %llu", (unsigned long long) conn->number);
	break;
    }
    sim_event_free(sev);
    return (1);
}

void    sim_advance(SIM *sim, core_time_ms ms)
{
    core_time_ms target = sim->now + ms;
    const SIM_HEAP_ITEM *next;

    while (!sim->crashed && (next = sim_heap_peek(&sim->heap)) != 0
	   && next->when <= target)
	sim_step(sim);
    if (target > sim->now)
	sim->now = target;
}

void    sim_crash(SIM *sim, const char *why)
{
    size_t  i;

    if (sim->crashed)
	return;
    sim->crashed = 1;
    sim_trace(sim, "crash: %s", why);
    if (!sim_disk_is_crashed(sim->disk))
	sim_disk_crash(sim->disk);
    sim_heap_free(&sim->heap, sim_event_free);
    for (i = 0; i < sim->ninsts; i++)
	sim_inst_kill(sim, sim->insts[i]);
    for (i = 0; i < sim->nconns; i++)
	sim->conns[i]->server_closed = 1;
    sim_reap(sim);
}

void    sim_restart(SIM *sim)
{
    sim->crashed = 0;
    sim_disk_restart(sim->disk);
    sim_trace(sim, "restart");
}

/* ---- client peers ----------------------------------------------------------- */

SIM_CONN *sim_connect(SIM *sim, const char *client_addr, const char *host_name,
		              const char *service, VSTRING *err)
{
    SIM_HOST *host = sim_host_find(sim, host_name);
    const SIM_CORE_OPS *ops;
    SIM_CONN *conn;

    if (sim->crashed) {
	vstring_strcpy(err, "the simulation has crashed (restart first)");
	return (0);
    }
    if (host == 0) {
	vstring_sprintf(err, "no host %s", host_name ? host_name : "(default)");
	return (0);
    }
    if ((ops = sim_service_find(host, service)) == 0) {
	vstring_sprintf(err, "no service %s on %s", service, host->name);
	return (0);
    }
    conn = (SIM_CONN *) mycalloc(1, sizeof(*conn));
    conn->sim = sim;
    conn->number = sim->nconns + 1;
    conn->client_addr = mystrdup(client_addr);
    conn->inbox = vstring_alloc(256);
    sim->conns = myrealloc(sim->conns, (sim->nconns + 1) * sizeof(*sim->conns));
    sim->conns[sim->nconns++] = conn;
    sim_trace(sim, "connect conn %llu %s -> %s %s", (unsigned long long) conn->number,
	      client_addr, host->name, service);
    conn->server = sim_inst_create(sim, host, service, ops, client_addr, 0);
    conn->server->conn = conn;
    if (conn->server->dead) {
	sim_stream_close(sim, conn, 0, ECONNREFUSED);
	return (conn);
    }
    sim_schedule_core(sim, sim->now + sim->opts.latency_ms, conn->server,
		      CORE_EV_START, 0, 0, 0, 0, 0, 0);
    return (conn);
}

void    sim_conn_send(SIM_CONN *conn, const char *data, size_t len)
{
    SIM    *sim = conn->sim;

    if (conn->client_closed || conn->reset) {
	sim_trace(sim, "send conn %llu dropped: closed", (unsigned long long) conn->number);
	return;
    }
    sim_trace(sim, "send conn %llu c>s %s", (unsigned long long) conn->number,
	      sim_trace_data(sim, data, len));
    sim_stream_send(sim, conn, 1, data, len);
}

void    sim_conn_close(SIM_CONN *conn)
{
    if (conn->client_closed || conn->reset)
	return;
    conn->client_closed = 1;
    sim_trace(conn->sim, "close conn %llu", (unsigned long long) conn->number);
    sim_stream_close(conn->sim, conn, 1, 0);
}

void    sim_conn_reset(SIM_CONN *conn)
{
    if (conn->reset)
	return;
    conn->reset = 1;
    conn->client_closed = 1;
    sim_trace(conn->sim, "reset conn %llu", (unsigned long long) conn->number);
    sim_stream_close(conn->sim, conn, 1, ECONNRESET);
}

void    sim_conn_stall(SIM_CONN *conn, core_time_ms ms)
{
    conn->s2c_stall_until = conn->sim->now + ms;
    sim_trace(conn->sim, "stall conn %llu for %lld ms", (unsigned long long) conn->number,
	      (long long) ms);
}

VSTRING *sim_conn_inbox(SIM_CONN *conn)
{
    return (conn->inbox);
}

int     sim_conn_server_closed(SIM_CONN *conn)
{
    return (conn->server_closed);
}

uint64_t sim_conn_number(SIM_CONN *conn)
{
    return (conn->number);
}

/* Runs one event if there is one before the deadline; else moves the clock. */
static int sim_step_before(SIM *sim, core_time_ms deadline)
{
    const SIM_HEAP_ITEM *next = sim_heap_peek(&sim->heap);

    if (next == 0)
	return (0);
    if (next->when > deadline) {
	sim->now = deadline;
	return (0);
    }
    return (sim_step(sim));
}

/* Waits for one complete frame in the inbox (parse returns its length). */

static int sim_conn_read_frame(SIM_CONN *conn, core_time_ms timeout_ms,
	               size_t (*parse) (const char *, size_t, void *), void *ctx)
{
    SIM    *sim = conn->sim;
    core_time_ms deadline = sim->now + timeout_ms;
    size_t  used;
    VSTRING *rest;

    for (;;) {
	if ((used = parse(vstring_str(conn->inbox), vstring_len(conn->inbox), ctx)) > 0) {
	    rest = vstring_alloc(vstring_len(conn->inbox) - used + 1);
	    vstring_memcpy(rest, vstring_str(conn->inbox) + used,
			   vstring_len(conn->inbox) - used);
	    vstring_memcpy(conn->inbox, vstring_str(rest), vstring_len(rest));
	    vstring_free(rest);
	    return (1);
	}
	if (sim->crashed)
	    return (-2);
	if (conn->server_closed)
	    return (0);
	if (!sim_step_before(sim, deadline))
	    return (sim->crashed ? -2 : -1);
    }
}

static size_t sim_parse_reply(const char *buf, size_t len, void *ctx)
{
    return (sim_reply_parse(buf, len, (SIM_REPLY *) ctx));
}

int     sim_conn_read_reply(SIM_CONN *conn, core_time_ms timeout_ms,
			            SIM_REPLY *reply)
{
    return (sim_conn_read_frame(conn, timeout_ms, sim_parse_reply, (void *) reply));
}

/* A malformed netstring consumes the inbox and reads as "?malformed". */

static size_t sim_parse_netstring(const char *buf, size_t len, void *ctx)
{
    VSTRING *out = (VSTRING *) ctx;
    const char *data;
    size_t  data_len, consumed;

    switch (netstring_parse(buf, len, 1 << 20, &data, &data_len, &consumed)) {
    case NETSTRING_OK:
	vstring_memcpy(out, data, data_len);
	return (consumed);
    case NETSTRING_NEED_MORE:
	return (0);
    default:
	vstring_strcpy(out, "?malformed");
	return (len);
    }
}

int     sim_conn_read_netstring(SIM_CONN *conn, core_time_ms timeout_ms, VSTRING *out)
{
    return (sim_conn_read_frame(conn, timeout_ms, sim_parse_netstring, (void *) out));
}

int     sim_conn_wait_close(SIM_CONN *conn, core_time_ms timeout_ms)
{
    SIM    *sim = conn->sim;
    core_time_ms deadline = sim->now + timeout_ms;

    for (;;) {
	if (sim->crashed)
	    return (-2);
	if (conn->server_closed)
	    return (1);
	if (!sim_step_before(sim, deadline))
	    return (sim->crashed ? -2 : -1);
    }
}
