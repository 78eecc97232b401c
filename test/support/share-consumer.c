/*
 * share-consumer: a command-line KIP-932 share consumer on librdkafka, for tests.
 *
 *   share-consumer -b BOOTSTRAP -G GROUP [options] TOPIC...
 *   share-consumer --mock BROKERS [--mock-topic NAME:PARTITIONS]... [--mock-lock-ms MS]
 *                  [--mock-session-ms MS]
 *
 * Consumer options:
 *   -X key=value         a librdkafka configuration property (repeatable)
 *   -A implicit|explicit acknowledgement mode (default implicit: a poll accepts the
 *                        records of the previous poll; explicit: each record is
 *                        acknowledged by this program as the options below choose)
 *   --release-every N    explicit: RELEASE every Nth record received, ACCEPT the others
 *   --reject-every N     explicit: REJECT every Nth record received
 *   --release-below D    explicit: RELEASE records whose delivery count is below D
 *   --commit sync|async  commit acknowledgements after each batch (default: with the next poll)
 *   -c COUNT             exit after COUNT records: close, which sends their
 *                        acknowledgements (unless --commit sent them) and leaves
 *   -e IDLE_MS           exit after IDLE_MS without records once subscribed
 *   --crash-after N      after printing N records, exit at once (code 3) without
 *                        acknowledging the batch at hand or leaving the group
 *   --group-config key=value  set a GROUP config of GROUP before subscribing
 *                        (IncrementalAlterConfigs; repeatable)
 *
 * Output on stdout, one JSON object a line:
 *   {"topic":..,"partition":..,"offset":..,"key":..,"value":..,"delivery_count":..,"ack":..}
 *     ack is "implicit", "accept", "release", "reject" or "none" (--crash-after)
 *   {"error":"..","code":"..","fatal":bool}     errors from polls, record errors
 *   {"acknowledged":{"topic":..,"partition":..,"offsets":[..]},"error":..}
 *   {"event":"subscribed"|"idle"|"count"|"closed"|"crash", "records":N}
 * Mock mode starts librdkafka's mock cluster (share.auto.offset.reset earliest), prints
 *   {"event":"mock","bootstrap":".."} and serves until stdin closes.
 * Logs of librdkafka go to stderr. Exit codes: 0 done, 1 runtime error, 2 bad usage, 3 crash.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rdkafka.h"
#include "rdkafka_mock.h"

static volatile sig_atomic_t stopping = 0;

static void on_signal(int sig) {
        (void)sig;
        stopping = 1;
}

static void usage(const char *problem) {
        fprintf(stderr,
                "share-consumer: %s\n"
                "usage: share-consumer -b BOOTSTRAP -G GROUP [-X key=value]... "
                "[-A implicit|explicit]\n"
                "         [--release-every N] [--reject-every N] [--release-below D] "
                "[--commit sync|async]\n"
                "         [-c COUNT] [-e IDLE_MS] [--crash-after N] "
                "[--group-config key=value]... TOPIC...\n"
                "       share-consumer --mock BROKERS [--mock-topic NAME:PARTITIONS]... "
                "[--mock-lock-ms MS] [--mock-session-ms MS]\n",
                problem);
        exit(2);
}

static void json_string(FILE *out, const char *s, size_t len) {
        size_t i;
        fputc('"', out);
        for (i = 0; i < len; i++) {
                unsigned char c = (unsigned char)s[i];
                if (c == '"' || c == '\\')
                        fprintf(out, "\\%c", c);
                else if (c == '\n')
                        fputs("\\n", out);
                else if (c < 0x20 || c == 0x7f)
                        fprintf(out, "\\u%04x", c);
                else
                        fputc(c, out);
        }
        fputc('"', out);
}

static void json_cstr(FILE *out, const char *s) {
        if (s)
                json_string(out, s, strlen(s));
        else
                fputs("null", out);
}

static void print_error(rd_kafka_resp_err_t code, const char *msg, int fatal) {
        fputs("{\"error\":", stdout);
        json_cstr(stdout, msg);
        fputs(",\"code\":", stdout);
        json_cstr(stdout, rd_kafka_err2name(code));
        printf(",\"fatal\":%s}\n", fatal ? "true" : "false");
        fflush(stdout);
}

static void print_event(const char *event, long records) {
        printf("{\"event\":\"%s\",\"records\":%ld}\n", event, records);
        fflush(stdout);
}

static int64_t now_ms(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long positive(const char *opt, const char *value) {
        char *end;
        long n = strtol(value, &end, 10);
        if (*value == '\0' || *end != '\0' || n <= 0) {
                char problem[256];
                snprintf(problem, sizeof(problem),
                         "%s needs a positive number, not '%s'", opt, value);
                usage(problem);
        }
        return n;
}

static void set_conf(rd_kafka_conf_t *conf, const char *kv) {
        char errstr[512];
        char *key = strdup(kv);
        char *eq  = strchr(key, '=');
        if (!eq) {
                char problem[600];
                snprintf(problem, sizeof(problem),
                         "-X needs key=value, not '%s'", kv);
                usage(problem);
        }
        *eq = '\0';
        if (rd_kafka_conf_set(conf, key, eq + 1, errstr, sizeof(errstr)) !=
            RD_KAFKA_CONF_OK) {
                char problem[700];
                snprintf(problem, sizeof(problem), "-X %s: %s", kv, errstr);
                usage(problem);
        }
        free(key);
}

/* Mock mode: librdkafka's mock cluster on loopback until stdin closes. */
static int run_mock(int brokers,
                    char **topics,
                    int topic_cnt,
                    int lock_ms,
                    int session_ms) {
        char errstr[512];
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        rd_kafka_t *rk;
        rd_kafka_mock_cluster_t *mcluster;
        char buf[256];
        int i;

        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk) {
                print_error(RD_KAFKA_RESP_ERR__FAIL, errstr, 1);
                return 1;
        }
        mcluster = rd_kafka_mock_cluster_new(rk, brokers);
        if (!mcluster) {
                print_error(RD_KAFKA_RESP_ERR__FAIL,
                            "could not start the mock cluster", 1);
                return 1;
        }
        rd_kafka_mock_sharegroup_set_auto_offset_reset(mcluster, 1);
        if (lock_ms > 0)
                rd_kafka_mock_sharegroup_set_record_lock_duration(mcluster,
                                                                  lock_ms);
        if (session_ms > 0)
                rd_kafka_mock_sharegroup_set_session_timeout(mcluster,
                                                             session_ms);
        for (i = 0; i < topic_cnt; i++) {
                char *name  = strdup(topics[i]);
                char *colon = strrchr(name, ':');
                int parts   = 1;
                if (colon) {
                        *colon = '\0';
                        parts  = (int)positive("--mock-topic", colon + 1);
                }
                rd_kafka_mock_topic_create(mcluster, name, parts,
                                           brokers < 3 ? brokers : 3);
                free(name);
        }
        fputs("{\"event\":\"mock\",\"bootstrap\":", stdout);
        json_cstr(stdout, rd_kafka_mock_cluster_bootstraps(mcluster));
        fputs("}\n", stdout);
        fflush(stdout);
        while (!stopping && fgets(buf, sizeof(buf), stdin))
                ;
        rd_kafka_mock_cluster_destroy(mcluster);
        rd_kafka_destroy(rk);
        return 0;
}

static int alter_group_configs(rd_kafka_conf_t *base,
                               const char *group,
                               char **configs,
                               int config_cnt) {
        char errstr[512];
        rd_kafka_conf_t *conf = rd_kafka_conf_dup(base);
        rd_kafka_t *rk;
        rd_kafka_ConfigResource_t *res;
        rd_kafka_queue_t *q;
        rd_kafka_event_t *ev;
        const rd_kafka_IncrementalAlterConfigs_result_t *result;
        const rd_kafka_ConfigResource_t **resources;
        size_t cnt, i;
        int rc = 0;

        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk) {
                print_error(RD_KAFKA_RESP_ERR__FAIL, errstr, 1);
                return 1;
        }
        res = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_GROUP, group);
        for (i = 0; i < (size_t)config_cnt; i++) {
                char *key = strdup(configs[i]);
                char *eq  = strchr(key, '=');
                rd_kafka_error_t *error;
                if (!eq)
                        usage("--group-config needs key=value");
                *eq   = '\0';
                error = rd_kafka_ConfigResource_add_incremental_config(
                    res, key, RD_KAFKA_ALTER_CONFIG_OP_TYPE_SET, eq + 1);
                if (error) {
                        print_error(rd_kafka_error_code(error),
                                    rd_kafka_error_string(error), 1);
                        return 1;
                }
                free(key);
        }
        q = rd_kafka_queue_new(rk);
        rd_kafka_IncrementalAlterConfigs(rk, &res, 1, NULL, q);
        ev = rd_kafka_queue_poll(q, 30000);
        if (!ev) {
                print_error(RD_KAFKA_RESP_ERR__TIMED_OUT,
                            "--group-config: no answer in 30 s", 1);
                rc = 1;
        } else if (rd_kafka_event_error(ev)) {
                print_error(rd_kafka_event_error(ev),
                            rd_kafka_event_error_string(ev), 1);
                rc = 1;
        } else {
                result = rd_kafka_event_IncrementalAlterConfigs_result(ev);
                resources =
                    rd_kafka_IncrementalAlterConfigs_result_resources(result,
                                                                      &cnt);
                for (i = 0; i < cnt; i++) {
                        if (rd_kafka_ConfigResource_error(resources[i])) {
                                print_error(
                                    rd_kafka_ConfigResource_error(resources[i]),
                                    rd_kafka_ConfigResource_error_string(
                                        resources[i]),
                                    1);
                                rc = 1;
                        }
                }
        }
        if (ev)
                rd_kafka_event_destroy(ev);
        rd_kafka_ConfigResource_destroy(res);
        rd_kafka_queue_destroy(q);
        rd_kafka_destroy(rk);
        return rc;
}

static void on_acknowledged(rd_kafka_share_t *rkshare,
                            rd_kafka_share_partition_offsets_list_t *list,
                            rd_kafka_resp_err_t err,
                            void *opaque) {
        size_t i, j, cnt = list ? rd_kafka_share_partition_offsets_list_count(list) : 0;
        (void)rkshare;
        (void)opaque;
        for (i = 0; i < cnt; i++) {
                const rd_kafka_share_partition_offsets_t *po =
                    rd_kafka_share_partition_offsets_list_get(list, i);
                const rd_kafka_topic_partition_t *tp =
                    rd_kafka_share_partition_offsets_partition(po);
                const int64_t *offsets = rd_kafka_share_partition_offsets_offsets(po);
                size_t n = rd_kafka_share_partition_offsets_offsets_cnt(po);
                rd_kafka_resp_err_t perr = tp->err ? tp->err : err;
                fputs("{\"acknowledged\":{\"topic\":", stdout);
                json_cstr(stdout, tp->topic);
                printf(",\"partition\":%" PRId32 ",\"offsets\":[", tp->partition);
                for (j = 0; j < n; j++)
                        printf("%s%" PRId64, j ? "," : "", offsets[j]);
                fputs("]},\"error\":", stdout);
                json_cstr(stdout, perr ? rd_kafka_err2name(perr) : NULL);
                fputs("}\n", stdout);
        }
        if (cnt == 0 && err)
                print_error(err, rd_kafka_err2str(err), 0);
        fflush(stdout);
}

enum { OPT_RELEASE_EVERY = 256, OPT_REJECT_EVERY, OPT_RELEASE_BELOW,
       OPT_COMMIT, OPT_CRASH_AFTER, OPT_GROUP_CONFIG, OPT_MOCK,
       OPT_MOCK_TOPIC, OPT_MOCK_LOCK_MS, OPT_MOCK_SESSION_MS };

int main(int argc, char **argv) {
        static const struct option longopts[] = {
            {"release-every", required_argument, 0, OPT_RELEASE_EVERY},
            {"reject-every", required_argument, 0, OPT_REJECT_EVERY},
            {"release-below", required_argument, 0, OPT_RELEASE_BELOW},
            {"commit", required_argument, 0, OPT_COMMIT},
            {"crash-after", required_argument, 0, OPT_CRASH_AFTER},
            {"group-config", required_argument, 0, OPT_GROUP_CONFIG},
            {"mock", required_argument, 0, OPT_MOCK},
            {"mock-topic", required_argument, 0, OPT_MOCK_TOPIC},
            {"mock-lock-ms", required_argument, 0, OPT_MOCK_LOCK_MS},
            {"mock-session-ms", required_argument, 0, OPT_MOCK_SESSION_MS},
            {0, 0, 0, 0}};
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        char errstr[512];
        const char *bootstrap = NULL, *group = NULL, *commit = NULL;
        int explicit_ack = 0, mock_brokers = 0, mock_lock_ms = 0, mock_session_ms = 0;
        long release_every = 0, reject_every = 0, release_below = 0;
        long max_count = 0, idle_ms = 0, crash_after = 0, records = 0;
        char **group_configs   = calloc((size_t)argc, sizeof(char *));
        char **mock_topics     = calloc((size_t)argc, sizeof(char *));
        int group_config_cnt = 0, mock_topic_cnt = 0;
        rd_kafka_share_t *rkshare;
        rd_kafka_topic_partition_list_t *topics;
        rd_kafka_error_t *error;
        int64_t last_record;
        int opt, i, rc = 0;

        while ((opt = getopt_long(argc, argv, "b:G:X:A:c:e:", longopts, NULL)) !=
               -1) {
                switch (opt) {
                case 'b':
                        bootstrap = optarg;
                        break;
                case 'G':
                        group = optarg;
                        break;
                case 'X':
                        set_conf(conf, optarg);
                        break;
                case 'A':
                        if (!strcmp(optarg, "explicit"))
                                explicit_ack = 1;
                        else if (strcmp(optarg, "implicit"))
                                usage("-A takes implicit or explicit");
                        break;
                case 'c':
                        max_count = positive("-c", optarg);
                        break;
                case 'e':
                        idle_ms = positive("-e", optarg);
                        break;
                case OPT_RELEASE_EVERY:
                        release_every = positive("--release-every", optarg);
                        break;
                case OPT_REJECT_EVERY:
                        reject_every = positive("--reject-every", optarg);
                        break;
                case OPT_RELEASE_BELOW:
                        release_below = positive("--release-below", optarg);
                        break;
                case OPT_COMMIT:
                        if (strcmp(optarg, "sync") && strcmp(optarg, "async"))
                                usage("--commit takes sync or async");
                        commit = optarg;
                        break;
                case OPT_CRASH_AFTER:
                        crash_after = positive("--crash-after", optarg);
                        break;
                case OPT_GROUP_CONFIG:
                        group_configs[group_config_cnt++] = optarg;
                        break;
                case OPT_MOCK:
                        mock_brokers = (int)positive("--mock", optarg);
                        break;
                case OPT_MOCK_TOPIC:
                        mock_topics[mock_topic_cnt++] = optarg;
                        break;
                case OPT_MOCK_LOCK_MS:
                        mock_lock_ms = (int)positive("--mock-lock-ms", optarg);
                        break;
                case OPT_MOCK_SESSION_MS:
                        mock_session_ms =
                            (int)positive("--mock-session-ms", optarg);
                        break;
                default:
                        usage("unknown option");
                }
        }

        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);

        if (mock_brokers)
                return run_mock(mock_brokers, mock_topics, mock_topic_cnt,
                                mock_lock_ms, mock_session_ms);

        if (bootstrap && rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap,
                                           errstr, sizeof(errstr)) !=
                             RD_KAFKA_CONF_OK)
                usage(errstr);
        if (!group)
                usage("-G GROUP is required");
        if (optind >= argc)
                usage("name at least one TOPIC");
        if ((release_every || reject_every || release_below) && !explicit_ack)
                usage("--release-every, --reject-every and --release-below "
                      "need -A explicit");
        if (group_config_cnt &&
            alter_group_configs(conf, group, group_configs, group_config_cnt))
                return 1;

        if (rd_kafka_conf_set(conf, "group.id", group, errstr,
                              sizeof(errstr)) != RD_KAFKA_CONF_OK)
                usage(errstr);
        if (rd_kafka_conf_set(conf, "share.acknowledgement.mode",
                              explicit_ack ? "explicit" : "implicit", errstr,
                              sizeof(errstr)) != RD_KAFKA_CONF_OK)
                usage(errstr);

        rkshare = rd_kafka_share_consumer_new(conf, errstr, sizeof(errstr));
        if (!rkshare) {
                print_error(RD_KAFKA_RESP_ERR__FAIL, errstr, 1);
                return 1;
        }
        error = rd_kafka_share_set_acknowledgement_commit_cb(
            rkshare, on_acknowledged, NULL);
        if (error) {
                print_error(rd_kafka_error_code(error),
                            rd_kafka_error_string(error), 0);
                rd_kafka_error_destroy(error);
        }

        topics = rd_kafka_topic_partition_list_new(argc - optind);
        for (i = optind; i < argc; i++)
                rd_kafka_topic_partition_list_add(topics, argv[i],
                                                  RD_KAFKA_PARTITION_UA);
        if (rd_kafka_share_subscribe(rkshare, topics)) {
                print_error(RD_KAFKA_RESP_ERR__INVALID_ARG,
                            "subscribe failed", 1);
                return 1;
        }
        rd_kafka_topic_partition_list_destroy(topics);
        print_event("subscribed", 0);

        last_record = now_ms();
        while (!stopping) {
                rd_kafka_messages_t *batch = NULL;
                size_t n, k;
                error = rd_kafka_share_poll(rkshare, 200, &batch);
                if (error) {
                        int fatal = rd_kafka_error_is_fatal(error);
                        print_error(rd_kafka_error_code(error),
                                    rd_kafka_error_string(error), fatal);
                        rd_kafka_error_destroy(error);
                        if (fatal) {
                                rc = 1;
                                break;
                        }
                        continue;
                }
                n = rd_kafka_messages_count(batch);
                if (n == 0) {
                        if (idle_ms && now_ms() - last_record >= idle_ms) {
                                print_event("idle", records);
                                break;
                        }
                        continue;
                }
                last_record = now_ms();
                for (k = 0; k < n; k++) {
                        rd_kafka_message_t *m = rd_kafka_messages_get(batch, k);
                        int16_t dc = rd_kafka_message_delivery_count(m);
                        const char *ack = "implicit";
                        rd_kafka_share_AcknowledgeType_t type =
                            RD_KAFKA_SHARE_ACKNOWLEDGE_TYPE_ACCEPT;
                        if (m->err) {
                                print_error(m->err, rd_kafka_message_errstr(m),
                                            0);
                                if (explicit_ack && m->rkt)
                                        rd_kafka_share_acknowledge_type(
                                            rkshare, m,
                                            RD_KAFKA_SHARE_ACKNOWLEDGE_TYPE_REJECT);
                                continue;
                        }
                        records++;
                        if (explicit_ack) {
                                if (reject_every && records % reject_every == 0)
                                        type = RD_KAFKA_SHARE_ACKNOWLEDGE_TYPE_REJECT;
                                else if ((release_every &&
                                          records % release_every == 0) ||
                                         (release_below && dc < release_below))
                                        type = RD_KAFKA_SHARE_ACKNOWLEDGE_TYPE_RELEASE;
                                ack = type == RD_KAFKA_SHARE_ACKNOWLEDGE_TYPE_ACCEPT
                                          ? "accept"
                                          : type == RD_KAFKA_SHARE_ACKNOWLEDGE_TYPE_RELEASE
                                                ? "release"
                                                : "reject";
                        }
                        if (crash_after && records == crash_after)
                                ack = "none";
                        fputs("{\"topic\":", stdout);
                        json_cstr(stdout, rd_kafka_topic_name(m->rkt));
                        printf(",\"partition\":%" PRId32 ",\"offset\":%" PRId64
                               ",\"key\":",
                               m->partition, m->offset);
                        if (m->key)
                                json_string(stdout, m->key, m->key_len);
                        else
                                fputs("null", stdout);
                        fputs(",\"value\":", stdout);
                        if (m->payload)
                                json_string(stdout, m->payload, m->len);
                        else
                                fputs("null", stdout);
                        printf(",\"delivery_count\":%d,\"ack\":\"%s\"}\n", dc,
                               ack);
                        if (crash_after && records == crash_after) {
                                print_event("crash", records);
                                _exit(3);
                        }
                        if (explicit_ack) {
                                rd_kafka_resp_err_t err =
                                    rd_kafka_share_acknowledge_type(rkshare, m,
                                                                    type);
                                if (err)
                                        print_error(err, rd_kafka_err2str(err),
                                                    0);
                        }
                }
                fflush(stdout);
                if (commit && !strcmp(commit, "async")) {
                        error = rd_kafka_share_commit_async(rkshare);
                } else if (commit) {
                        rd_kafka_topic_partition_list_t *parts = NULL;
                        error = rd_kafka_share_commit_sync(rkshare, 30000, &parts);
                        if (parts) {
                                for (i = 0; i < parts->cnt; i++)
                                        if (parts->elems[i].err)
                                                print_error(
                                                    parts->elems[i].err,
                                                    rd_kafka_err2str(
                                                        parts->elems[i].err),
                                                    0);
                                rd_kafka_topic_partition_list_destroy(parts);
                        }
                } else {
                        error = NULL;
                }
                if (error) {
                        print_error(rd_kafka_error_code(error),
                                    rd_kafka_error_string(error), 0);
                        rd_kafka_error_destroy(error);
                }
                rd_kafka_messages_destroy(batch);
                if (max_count && records >= max_count) {
                        print_event("count", records);
                        break;
                }
        }

        error = rd_kafka_share_consumer_close(rkshare);
        if (error) {
                print_error(rd_kafka_error_code(error),
                            rd_kafka_error_string(error), 0);
                rd_kafka_error_destroy(error);
        }
        error = rd_kafka_share_destroy(rkshare);
        if (error)
                rd_kafka_error_destroy(error);
        print_event("closed", records);
        return rc;
}
