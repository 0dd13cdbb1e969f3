// See initrd.h.
#include "kernel/proc/initrd.h"
#include "kernel/boot_info/boot_info.h"
#include "kernel/debug/log.h"
#include "kernel/proc/tar.h"
#include "libk/string.h"

namespace initrd {
namespace {

const uint8_t* g_archive = nullptr; // nullptr: no usable initrd
size_t g_size = 0;

// "/./bin/" -> "bin/": the archive stores relative paths.
const char* skip_leading_separators(const char* path) {
    for (;;) {
        if (path[0] == '/')
            ++path;
        else if (path[0] == '.' && path[1] == '/')
            path += 2;
        else
            return path;
    }
}

// True when some entry lies below the directory `path` (relative, without trailing '/').
bool is_directory_prefix(const char* path) {
    size_t length = strlen(path);
    while (length > 0 && path[length - 1] == '/')
        --length;
    if (length == 0)
        return true; // the root
    tar::Reader reader(g_archive, g_size);
    tar::Entry entry;
    while (reader.next(entry) == tar::TarStatus::Entry) {
        if (strncmp(entry.path, path, length) == 0 && entry.path[length] == '/')
            return true;
    }
    return false;
}

} // namespace

void initialize() {
    boot_info::ModuleContents module = boot_info::module_contents("initrd");
    if (module.data == nullptr) {
        log::warning("initrd", "no module \"initrd\": there are no programs to run");
        return;
    }
    size_t count = 0;
    tar::TarStatus status = tar::validate(module.data, module.size, count);
    if (status != tar::TarStatus::End) {
        log::error("initrd", "unusable: %s", tar::describe(status));
        return;
    }
    g_archive = module.data;
    g_size = module.size;
    log::info("initrd", "%zu files, %zu KiB", count, module.size / 1024);
}

bool is_present() {
    return g_archive != nullptr;
}

libk::ErrorOr<File> find(const char* path) {
    if (g_archive == nullptr || path[0] == '\0')
        return libk::Error::NoSuchFile;
    const char* relative = skip_leading_separators(path);
    tar::Entry entry;
    if (relative[0] != '\0' &&
        tar::find(g_archive, g_size, relative, entry) == tar::TarStatus::Entry) {
        if (entry.type == tar::EntryType::File)
            return File{entry.data, entry.size, false};
        if (entry.type == tar::EntryType::Directory)
            return File{nullptr, 0, true};
        return libk::Error::NoSuchFile; // links and devices are never opened
    }
    if (is_directory_prefix(relative))
        return File{nullptr, 0, true};
    return libk::Error::NoSuchFile;
}

void for_each_file(void (*visit)(const char* path, const File& file, void* context),
                   void* context) {
    if (g_archive == nullptr)
        return;
    tar::Reader reader(g_archive, g_size);
    tar::Entry entry;
    while (reader.next(entry) == tar::TarStatus::Entry) {
        if (entry.type == tar::EntryType::File)
            visit(entry.path, File{entry.data, entry.size, false}, context);
    }
}

} // namespace initrd
