// See initrd.h.
#include "kernel/proc/initrd.h"
#include "kernel/boot_info/boot_info.h"
#include "kernel/debug/log.h"
#include "kernel/proc/tar.h"
#include "libk/string.h"

namespace initrd {
namespace {

// The archive's usable part: every header in it had its checksum verified by initialize(), so
// lookups trust them (tar::Checksums::Trust).
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
    tar::Reader reader(g_archive, g_size, tar::Checksums::Trust);
    tar::Entry entry;
    while (reader.next(entry) == tar::TarStatus::Entry) {
        if (strncmp(entry.path, path, length) == 0 && entry.path[length] == '/')
            return true;
    }
    return false;
}

// True when a regular file of the archive is a proper prefix of `path` followed by '/': then
// the path goes on past a file ("bin/hello/", "bin/hello/x"), which POSIX calls ENOTDIR.
bool continues_past_file(const char* path) {
    tar::Reader reader(g_archive, g_size, tar::Checksums::Trust);
    tar::Entry entry;
    while (reader.next(entry) == tar::TarStatus::Entry) {
        if (entry.type != tar::EntryType::File)
            continue;
        const char* stored = skip_leading_separators(entry.path);
        size_t length = strlen(stored);
        if (length > 0 && strncmp(stored, path, length) == 0 && path[length] == '/')
            return true;
    }
    return false;
}

// A damaged archive is used up to the damage; the log says what was kept and what was not.
void report_damage(const tar::Survey& survey) {
    if (survey.dropped_bytes == 0) {
        log::warning("initrd", "no end-of-archive marker after the last entry: all %zu kept",
                     survey.entry_count);
        return;
    }
    if (survey.damaged_path[0] != '\0') {
        log::warning("initrd",
                     "damaged at byte %zu (%s): kept the %zu entries before it, dropped \"%s\" "
                     "and the %zu bytes from it to the end",
                     survey.usable_size, tar::describe(survey.status), survey.entry_count,
                     survey.damaged_path, survey.dropped_bytes);
        return;
    }
    log::warning("initrd",
                 "damaged at byte %zu (%s): kept the %zu entries before it, dropped "
                 "the last %zu bytes",
                 survey.usable_size, tar::describe(survey.status), survey.entry_count,
                 survey.dropped_bytes);
}

} // namespace

void initialize() {
    boot_info::ModuleContents module = boot_info::module_contents("initrd");
    if (module.data == nullptr) {
        log::warning("initrd", "no module \"initrd\": there are no programs to run");
        return;
    }
    tar::Survey survey = tar::survey(module.data, module.size);
    if (survey.entry_count == 0 && survey.status != tar::TarStatus::End) {
        log::error("initrd", "unusable: %s", tar::describe(survey.status));
        return;
    }
    g_archive = module.data;
    g_size = survey.usable_size;
    log::info("initrd", "%zu files, %zu KiB", survey.entry_count, module.size / 1024);
    if (survey.status != tar::TarStatus::End)
        report_damage(survey);
}

bool is_present() {
    return g_archive != nullptr;
}

libk::ErrorOr<File> find(const char* path) {
    if (g_archive == nullptr || path[0] == '\0')
        return libk::Error::NoSuchFile;
    const char* relative = skip_leading_separators(path);
    if (continues_past_file(relative))
        return libk::Error::NotDirectory;
    tar::Entry entry;
    if (relative[0] != '\0' && tar::find(g_archive, g_size, relative, entry,
                                         tar::Checksums::Trust) == tar::TarStatus::Entry) {
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
    tar::Reader reader(g_archive, g_size, tar::Checksums::Trust);
    tar::Entry entry;
    while (reader.next(entry) == tar::TarStatus::Entry) {
        if (entry.type == tar::EntryType::File)
            visit(entry.path, File{entry.data, entry.size, false}, context);
    }
}

} // namespace initrd
