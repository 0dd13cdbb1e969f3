/* The trivial program that the spawn+wait benchmark starts over and over: it ends at once, so
 * what is measured is the making and unmaking of a process. */
int main(void) {
    return 0;
}
