/* The smallest program: proves that the user-space build works from crt0 to printf. */
#include <stdio.h>

int main(int argc, char** argv) {
    printf("Hello from user space! I am %s with %d argument%s.\n", argv[0], argc - 1,
           argc == 2 ? "" : "s");
    for (int i = 1; i < argc; ++i)
        printf("  argv[%d] = \"%s\"\n", i, argv[i]);
    return 0;
}
