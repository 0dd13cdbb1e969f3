// The trespasser: a process that tries to reach into memory that is not its own. First it
// looks at the address where workshop 1 keeps its number, and finds its own memory there, not
// workshop 1's: an address only means something inside one address space. Then it writes to
// an address its address space does not give it at all, and the kernel stops it.

#include "workshop.h"

#include "platform.h"
#include "report.h"

#include <stdio.h>
#include <unistd.h>

int run_trespasser(const FactorySettings* settings) {
    NoticeBoard* board = board_open(settings->factory_id);
    if (!board) {
        fprintf(stderr, "trespasser: cannot open the factory's notice board\n");
        return 1;
    }
    report_set_origin(board->origin_ns);
    const WorkshopNotice* first = &board->notices[0];
    uintptr_t address = first->number_address; // g_workshop_number is 0 here: no workshop
    // Only read there if it is where this program keeps the same variable, which it is when
    // every process runs the same program: then the read is safe and shows the point.
    if (address == (uintptr_t)&g_workshop_number) {
        long found = *(volatile long*)address;
        board->trespasser_address = address;
        board->trespasser_found = found;
        board->trespasser_stage = 1;
        if (settings->plain)
            report_event("trespasser (pid %d) reads %p, W1's number %ld there: finds %ld",
                         (int)getpid(), (void*)address, first->number, found);
    }
    uintptr_t forbidden = platform_forbidden_address();
    board->forbidden_address = forbidden;
    board->trespasser_stage = 2;
    if (settings->plain)
        report_event("trespasser writes to %p, memory it does not own", (void*)forbidden);
    *(volatile long*)forbidden = 1;
    // Only reached if the system let the write through.
    board->trespasser_stage = 3;
    report_event("trespasser: the write to %p went through!", (void*)forbidden);
    return 3;
}
