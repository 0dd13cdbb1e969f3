// Returning what a process owns. The reaper calls these once the threads concerned are off the
// CPU for good (reaper.h), so nothing of the process runs while its resources go.
#pragma once

class Process;
class UserThread;

// Closes every handle of the process, telling each object (a mutex a thread of the process
// holds is released).
void close_all_handles(Process& process);

// Unmaps the user stack of a thread that has ended while its process goes on.
void free_thread_stack(Process& process, UserThread& thread);

// Everything at once, after the last thread: handles, shared-memory mappings, thread stacks,
// and the address space with all its frames and page tables.
void return_resources(Process& process);
