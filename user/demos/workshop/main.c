// The workshop demo's entry: one program, three roles. Run by the user it is the factory; the
// factory runs it again (posix_spawn) with --workshop-role workshop or trespasser.

#include "workshop.h"

#include "options.h"
#include "platform.h"
#include "report.h"
#include "timing.h"

#include <stdio.h>
#include <string.h>

static void parse_arguments(int argc, char** argv, FactorySettings* settings) {
    Option options[] = {
        {"workshops", OPTION_NUMBER, &settings->workshops, 1, MAX_WORKSHOPS,
         "workshops (processes)"},
        {"workers", OPTION_NUMBER, &settings->workers, 1, MAX_WORKERS,
         "workers (threads) per workshop"},
        {"rounds", OPTION_NUMBER, &settings->rounds, 1, 100000, "crates each worker makes"},
        {"bays", OPTION_NUMBER, &settings->bays, 1, MAX_BAYS, "bays of the loading dock"},
        {"make-ms", OPTION_NUMBER, &settings->make_ms, 0, 60000, "CPU work to make one crate"},
        {"dock-ms", OPTION_NUMBER, &settings->dock_ms, 0, 60000,
         "time to load a crate at the dock"},
        {"timeout-s", OPTION_NUMBER, &settings->timeout_s, 1, 86400,
         "stop workshops still open after this long"},
        {"no-trespasser", OPTION_FLAG, &settings->no_trespasser, 0, 0,
         "do not send the trespasser"},
        {"plain", OPTION_FLAG, &settings->plain, 0, 0,
         "one log line per event instead of a picture"},
        {"workshop-role", OPTION_TEXT, &settings->role, 0, 0, NULL},
        {"factory-id", OPTION_NUMBER, &settings->factory_id, 0, 1 << 30, NULL},
        {"number", OPTION_NUMBER, &settings->number, 0, MAX_WORKSHOPS, NULL},
    };
    ProgramInfo program = {
        "workshop",
        "A factory of workshops (processes) with workers (threads). Workers of a workshop share "
        "its memory; workshops share only a loading dock (a named semaphore) and a notice board "
        "(shared memory). A trespasser reaching into memory not its own is stopped.",
        options, (int)(sizeof options / sizeof options[0])};
    parse_options(&program, argc, argv);
}

int main(int argc, char** argv) {
    FactorySettings settings = {3, 3, 5, 2, 200, 150, 120, false, false, NULL, 0, 0};
    parse_arguments(argc, argv, &settings);
    if (settings.role && strcmp(settings.role, "workshop") == 0)
        return run_workshop(&settings);
    if (settings.role && strcmp(settings.role, "trespasser") == 0)
        return run_trespasser(&settings);
    if (settings.role) {
        fprintf(stderr, "workshop: unknown role '%s'\n", settings.role);
        return 2;
    }
    platform_restore_terminal_on_interrupt();
    work_calibrate();
    report_set_origin(now_ns());
    return run_factory(&settings, platform_self_path(argv[0]));
}
