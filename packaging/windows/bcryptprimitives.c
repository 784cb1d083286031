/* A stand-in for Windows 10's bcryptprimitives.dll, for a Wine prefix only (Wine 8.0 lacks it).
 * Rust's standard library (1.78 and later) imports ProcessPrng from it for random numbers
 * (HashMap seeds); without it Wine cannot start the program ("bcryptprimitives.dll not found").
 * ProcessPrng fills the buffer from RtlGenRandom (advapi32's SystemFunction036), Wine's
 * system random source, in chunks (its length is a ULONG). Never installed on Windows, which
 * has the real DLL: scripts/wine-prefix.sh copies it into the prefix's system32. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    (void)reason;
    (void)reserved;
    return TRUE;
}
