/* The boundary between the binary and ctguard-terminal.so, `top --live`'s screen (ncurses). Linked
 * into the binary, libncursesw and libtinfo (which Debian builds with immediate binding) were mapped
 * and bound at every start of every command: three quarters of the dynamic loader's symbol lookups
 * of `ctguard status`. So ncurses is loaded with dlopen by `top --live` only. The module is C, so
 * nothing of C++ crosses: text, numbers and function pointers. The version in the entry point's name
 * refuses a module from a build with another boundary. */
#ifndef CTGUARD_TERMINAL_ABI_H
#define CTGUARD_TERMINAL_ABI_H

#ifdef __cplusplus
extern "C" {
#endif

/* What key() returns besides a byte (0-255). */
enum {
    CTGUARD_KEY_NONE = -1, /* nothing waiting */
    CTGUARD_KEY_RESIZE = -2,
    CTGUARD_KEY_BACK_TAB = -3,
    CTGUARD_KEY_UP = -4,
    CTGUARD_KEY_DOWN = -5,
    CTGUARD_KEY_ENTER = -6, /* the keypad's Enter; Return is '\r' or '\n' */
    CTGUARD_KEY_BACKSPACE = -7
};

/* How text() draws: the live view's styles. */
enum {
    CTGUARD_STYLE_PLAIN,
    CTGUARD_STYLE_TITLE,
    CTGUARD_STYLE_OK,
    CTGUARD_STYLE_ELEVATED,
    CTGUARD_STYLE_CAPPED,
    CTGUARD_STYLE_CRITICAL,
    CTGUARD_STYLE_SELECTED,
    CTGUARD_STYLE_DIM,
    CTGUARD_STYLE_PROMPT,
    CTGUARD_STYLE_ALERT
};

struct ctguard_terminal_api {
    /* Takes the terminal on stdin/stdout: raw (Ctrl-C is a key), no echo, keys decoded, key() never
     * waits, no cursor, colours when it has them. 0, or -1 when TERM names no terminal it can drive. */
    int (*open)(void);
    /* Gives the terminal back as it was. Only after a successful open(). */
    void (*close)(void);
    void (*size)(int* rows, int* cols);
    /* Draws line y from its first column: text() pieces, then end_line(), which clears the rest. */
    void (*line)(int y);
    void (*text)(const char* utf8, int style);
    void (*end_line)(void);
    /* Sends what changed since the last show(): the terminal gets only the cells that differ. */
    void (*show)(void);
    /* The next key: a byte, or CTGUARD_KEY_*. */
    int (*key)(void);
};

typedef const struct ctguard_terminal_api* (*ctguard_terminal_entry)(void);

#ifdef __cplusplus
}

namespace ctguard {
inline constexpr const char* kTerminalModule = "ctguard-terminal.so";
inline constexpr const char* kTerminalEntry = "ctguard_terminal_v1";
}  // namespace ctguard
#endif

#endif
