// User test of C++ support: the C headers from C++, global constructors and destructors (run by
// the program start and by exit), new and delete, virtual calls. Exits with 0 when all passed.
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

namespace {

int g_failures = 0;

void check(bool condition, const char* what) {
    if (!condition) {
        printf("FAIL %s\n", what);
        ++g_failures;
    }
}

// A global object with a constructor: the program start must run it before main.
struct Greeter {
    int value;
    Greeter() : value(42) {}
    ~Greeter() { printf("cxx_runtime: global destructor ran at exit\n"); }
};
Greeter g_greeter;

struct Shape {
    virtual ~Shape() = default;
    virtual int corners() const = 0;
};

struct Triangle : Shape {
    int corners() const override { return 3; }
};

struct Square : Shape {
    int corners() const override { return 4; }
};

void* count_corners(void* argument) {
    auto* shape = static_cast<Shape*>(argument);
    return reinterpret_cast<void*>(static_cast<long>(shape->corners()));
}

} // namespace

int main() {
    check(g_greeter.value == 42, "global constructor ran before main");

    Shape* shapes[] = {new Triangle, new Square};
    check(shapes[0]->corners() + shapes[1]->corners() == 7, "virtual calls");
    pthread_t thread;
    void* corners = nullptr;
    check(pthread_create(&thread, nullptr, count_corners, shapes[1]) == 0, "pthread_create");
    check(pthread_join(thread, &corners) == 0 && reinterpret_cast<long>(corners) == 4,
          "virtual call in another thread");
    for (Shape* shape : shapes)
        delete shape;

    int* numbers = new int[100];
    memset(numbers, 0, 100 * sizeof(int));
    numbers[99] = 7;
    check(numbers[99] == 7, "new[]");
    delete[] numbers;

    sem_t semaphore;
    check(sem_init(&semaphore, 0, 1) == 0 && sem_trywait(&semaphore) == 0, "semaphore from C++");
    check(sem_trywait(&semaphore) == -1 && errno == EAGAIN, "errno from C++");
    sem_destroy(&semaphore);

    printf("cxx_runtime: %s\n", g_failures ? "FAIL" : "PASS");
    return g_failures != 0;
}
