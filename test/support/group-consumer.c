/*
 * group-consumer: a command-line consumer of a consumer group on librdkafka, for tests: with
 * -X group.protocol=consumer it is a member of Kafka 4's consumer protocol (KIP-848).
 *
 *   group-consumer -b BOOTSTRAP -G GROUP [-X key=value]... [-c COUNT] [-e IDLE_MS] TOPIC...
 *
 *   -X key=value   a librdkafka configuration property (repeatable)
 *   -c COUNT       after COUNT records: commit their offsets (synchronously), close (which
 *                  leaves the group) and exit
 *   -e IDLE_MS     the same after IDLE_MS without records once a record was read
 *
 * A TOPIC starting with ^ is a regular expression subscription, as librdkafka reads it.
 * Output on stdout, one JSON object a line:
 *   {"topic":..,"partition":..,"offset":..}          each record
 *   {"error":"..","code":".."}                        errors from polls and the commit
 *   {"event":"subscribed"|"committed"|"closed","records":N}
 * Logs of librdkafka go to stderr. Exit codes: 0 done, 1 runtime error, 2 bad usage.
 */
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rdkafka.h"

static volatile sig_atomic_t stopping = 0;

static void on_signal(int sig) {
        (void)sig;
        stopping = 1;
}

static void usage(const char *problem) {
        fprintf(stderr,
                "group-consumer: %s\n"
                "usage: group-consumer -b BOOTSTRAP -G GROUP [-X key=value]... "
                "[-c COUNT] [-e IDLE_MS] TOPIC...\n",
                problem);
        exit(2);
}

static int64_t now_ms(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void print_error(rd_kafka_resp_err_t err, const char *what) {
        /* Error texts are librdkafka's own: no quotes or backslashes to escape. */
        printf("{\"error\":\"%s\",\"code\":\"%s\"}\n", what, rd_kafka_err2name(err));
        fflush(stdout);
}

static void print_event(const char *event, long records) {
        printf("{\"event\":\"%s\",\"records\":%ld}\n", event, records);
        fflush(stdout);
}

static void set_conf(rd_kafka_conf_t *conf, const char *name, const char *value) {
        char errstr[512];
        if (rd_kafka_conf_set(conf, name, value, errstr, sizeof(errstr)) !=
            RD_KAFKA_CONF_OK)
                usage(errstr);
}

static long positive(const char *opt, const char *arg) {
        char *end;
        long n = strtol(arg, &end, 10);
        if (*end || n <= 0) {
                fprintf(stderr, "group-consumer: %s takes a positive number\n", opt);
                exit(2);
        }
        return n;
}

int main(int argc, char **argv) {
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        char errstr[512];
        const char *bootstrap = NULL, *group = NULL;
        long max_count = 0, idle_ms = 0, records = 0;
        int64_t last_record = 0;
        rd_kafka_topic_partition_list_t *topics;
        rd_kafka_resp_err_t err;
        rd_kafka_t *rk;
        int opt, i, rc = 0;

        while ((opt = getopt(argc, argv, "b:G:X:c:e:")) != -1) {
                switch (opt) {
                case 'b':
                        bootstrap = optarg;
                        break;
                case 'G':
                        group = optarg;
                        break;
                case 'X': {
                        char *eq = strchr(optarg, '=');
                        if (!eq)
                                usage("-X takes key=value");
                        *eq = '\0';
                        set_conf(conf, optarg, eq + 1);
                        break;
                }
                case 'c':
                        max_count = positive("-c", optarg);
                        break;
                case 'e':
                        idle_ms = positive("-e", optarg);
                        break;
                default:
                        usage("unknown option");
                }
        }
        if (!bootstrap || !group)
                usage("-b BOOTSTRAP and -G GROUP are required");
        if (optind >= argc)
                usage("name at least one TOPIC");
        set_conf(conf, "bootstrap.servers", bootstrap);
        set_conf(conf, "group.id", group);
        set_conf(conf, "enable.auto.commit", "false");
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);

        rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof(errstr));
        if (!rk) {
                print_error(RD_KAFKA_RESP_ERR__FAIL, errstr);
                return 1;
        }
        rd_kafka_poll_set_consumer(rk);
        topics = rd_kafka_topic_partition_list_new(argc - optind);
        for (i = optind; i < argc; i++)
                rd_kafka_topic_partition_list_add(topics, argv[i], RD_KAFKA_PARTITION_UA);
        err = rd_kafka_subscribe(rk, topics);
        rd_kafka_topic_partition_list_destroy(topics);
        if (err) {
                print_error(err, "subscribe failed");
                rd_kafka_destroy(rk);
                return 1;
        }
        print_event("subscribed", 0);

        while (!stopping) {
                rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 200);
                if (!m) {
                        if (idle_ms && records > 0 && now_ms() - last_record >= idle_ms)
                                break;
                        continue;
                }
                if (m->err) {
                        if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF)
                                print_error(m->err, rd_kafka_message_errstr(m));
                        rd_kafka_message_destroy(m);
                        continue;
                }
                printf("{\"topic\":\"%s\",\"partition\":%" PRId32 ",\"offset\":%" PRId64 "}\n",
                       rd_kafka_topic_name(m->rkt), m->partition, m->offset);
                fflush(stdout);
                rd_kafka_offset_store_message(m);
                rd_kafka_message_destroy(m);
                records++;
                last_record = now_ms();
                if (max_count && records >= max_count)
                        break;
        }

        /* The offsets of the records read (stored above), committed before leaving. */
        err = rd_kafka_commit(rk, NULL, 0);
        if (err && err != RD_KAFKA_RESP_ERR__NO_OFFSET) {
                print_error(err, "commit failed");
                rc = 1;
        } else
                print_event("committed", records);
        rd_kafka_consumer_close(rk);
        rd_kafka_destroy(rk);
        print_event("closed", records);
        return rc;
}
