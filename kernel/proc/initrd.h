// The initrd: the ustar archive GRUB loaded as the module "initrd" (user/user.mk builds it from
// the programs), read in place. It is the kernel's only file system: read-only, with the
// programs (/bin, /demos, /tests) and whatever else the build puts there. Directories exist
// implicitly: "/bin" is a directory because "bin/hello" is in the archive.
#pragma once

#include "libk/error_or.h"

namespace initrd {

// Finds the module and checks the whole archive; logs what it found. A damaged archive is used
// up to the damage (the entries before it are whole), with a warning naming what was dropped;
// one with no whole entry at all is unusable (then every lookup fails with NoSuchFile). Once,
// at boot.
void initialize();
bool is_present();

struct File {
    const uint8_t* data; // in the archive; nullptr for a directory
    size_t size;
    bool is_directory;
};

// Looks up a path ("/bin/hello", "bin/hello", "/bin", "/"). NoSuchFile; NotDirectory when the
// path goes on after the name of a regular file ("/bin/hello/", "/bin/hello/x").
libk::ErrorOr<File> find(const char* path);

// Walks every regular file; for kernel tests and listings.
void for_each_file(void (*visit)(const char* path, const File& file, void* context), void* context);

} // namespace initrd
