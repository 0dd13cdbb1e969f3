; capture_registers(RegisterSnapshot* snapshot): stores the caller's registers into the
; structure declared in arch/x86/include/arch/registers.h (offsets below must match it).
; Used by panic() to show the registers at the place that panicked.

struc snapshot
    .eax:    resd 1
    .ebx:    resd 1
    .ecx:    resd 1
    .edx:    resd 1
    .esi:    resd 1
    .edi:    resd 1
    .ebp:    resd 1
    .esp:    resd 1
    .eip:    resd 1
    .eflags: resd 1
    .cs:     resd 1
    .ds:     resd 1
    .es:     resd 1
    .fs:     resd 1
    .gs:     resd 1
    .ss:     resd 1
    .cr0:    resd 1
    .cr2:    resd 1
    .cr3:    resd 1
    .cr4:    resd 1
endstruc

section .text
global capture_registers:function (capture_registers.end - capture_registers)
capture_registers:
    push edx                            ; borrow edx; [esp + 4] is the return address
    mov edx, [esp + 8]                  ; the snapshot pointer (first argument)
    mov [edx + snapshot.eax], eax
    mov [edx + snapshot.ebx], ebx
    mov [edx + snapshot.ecx], ecx
    pop eax                             ; the caller's edx
    mov [edx + snapshot.edx], eax
    mov [edx + snapshot.esi], esi
    mov [edx + snapshot.edi], edi
    mov [edx + snapshot.ebp], ebp
    lea eax, [esp + 4]                  ; esp once `ret` has popped the return address
    mov [edx + snapshot.esp], eax
    mov eax, [esp]                      ; the return address: where the caller goes on
    mov [edx + snapshot.eip], eax
    pushfd
    pop eax
    mov [edx + snapshot.eflags], eax

    ; Segment registers are 16 bits wide: clear eax so the stored words are zero-extended.
    xor eax, eax
    mov ax, cs
    mov [edx + snapshot.cs], eax
    mov ax, ds
    mov [edx + snapshot.ds], eax
    mov ax, es
    mov [edx + snapshot.es], eax
    mov ax, fs
    mov [edx + snapshot.fs], eax
    mov ax, gs
    mov [edx + snapshot.gs], eax
    mov ax, ss
    mov [edx + snapshot.ss], eax

    mov eax, cr0
    mov [edx + snapshot.cr0], eax
    mov eax, cr2
    mov [edx + snapshot.cr2], eax
    mov eax, cr3
    mov [edx + snapshot.cr3], eax
    mov eax, cr4
    mov [edx + snapshot.cr4], eax
    ret
.end:
