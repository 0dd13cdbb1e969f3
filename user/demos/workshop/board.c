// The objects the factory shares with its workshops on purpose, named after the factory's pid
// so that two factories never meet: the notice board (POSIX shared memory), the loading dock
// and the board's pen (named semaphores).

#include "workshop.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void object_name(char* text, int size, int factory_id, const char* what) {
    snprintf(text, (size_t)size, "/factory-%d-%s", factory_id, what);
}

void workshop_name(char* text, int size, int number) {
    snprintf(text, (size_t)size, "W%d", number);
}

// Maps the board. The descriptor stays open until the process ends: the mapping is what
// matters, and close() is not among the calls the demos use.
static NoticeBoard* map_board(int factory_id, bool create) {
    char name[48];
    object_name(name, sizeof name, factory_id, "board");
    int descriptor = shm_open(name, create ? O_CREAT | O_RDWR : O_RDWR, 0600);
    if (descriptor < 0)
        return NULL;
    if (create && ftruncate(descriptor, sizeof(NoticeBoard)) != 0)
        return NULL;
    void* memory =
        mmap(NULL, sizeof(NoticeBoard), PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0);
    return memory == MAP_FAILED ? NULL : memory;
}

NoticeBoard* board_create(int factory_id) {
    NoticeBoard* board = map_board(factory_id, true);
    if (board)
        memset(board, 0, sizeof *board);
    return board;
}

NoticeBoard* board_open(int factory_id) {
    return map_board(factory_id, false);
}

sem_t* dock_open(int factory_id, int bays_to_create) {
    char name[48];
    object_name(name, sizeof name, factory_id, "dock");
    sem_t* dock = bays_to_create > 0 ? sem_open(name, O_CREAT, 0600, (unsigned)bays_to_create)
                                     : sem_open(name, 0);
    return dock == SEM_FAILED ? NULL : dock;
}

sem_t* pen_open(int factory_id, bool create) {
    char name[48];
    object_name(name, sizeof name, factory_id, "pen");
    sem_t* pen = create ? sem_open(name, O_CREAT, 0600, 1u) : sem_open(name, 0);
    return pen == SEM_FAILED ? NULL : pen;
}

// The names disappear at once; the objects live on until the last process lets go of them.
void factory_objects_remove(int factory_id) {
    char name[48];
    object_name(name, sizeof name, factory_id, "board");
    shm_unlink(name);
    object_name(name, sizeof name, factory_id, "dock");
    sem_unlink(name);
    object_name(name, sizeof name, factory_id, "pen");
    sem_unlink(name);
}
