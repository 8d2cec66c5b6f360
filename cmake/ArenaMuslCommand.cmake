# The `arena-sandbox` command, linked with musl instead of glibc where musl is installed
# (Debian: musl-tools).
#
# Why: a cold `arena-sandbox run` starts this program every time, and glibc's static start-up
# asks the CPU what it is: 43 CPUID instructions, each a trap to the hypervisor on a virtual
# machine (about 5 us apiece on ours), and a readlink of /proc/self/exe. musl does neither:
# the command starts about 0.26 ms sooner, a tenth of a cold run. Nothing else is built this
# way: the server, the tests and the sandbox library stay on glibc, and the command compiles
# the library's sources a second time.
#
# How: musl has no C++ library, so the command uses GCC's libstdc++ (its headers, and from
# libstdc++.a strings, exceptions and operator new), which was built for glibc:
# sandbox/musl/glibc_names.{h,cpp} supply the few glibc names it expects. Its allocator is
# sandbox/musl/one_shot_malloc.cpp, which never frees: a cold run about 5% faster than with
# musl's own. musl's headers lack the kernel's (linux/, asm/), so the build tree gets a
# directory of links to the system's, and one to nlohmann/: adding the system's include
# directory itself would bring glibc's headers back.
#
#   ARENA_MUSL_FOUND                   whether the command can be built with musl here
#   arena_musl_executable(<target> SOURCES <files...> INCLUDES <dirs...>)

option(ARENA_MUSL_COMMAND "Link the arena-sandbox command with musl when it is installed" ON)

set(ARENA_MUSL_FOUND FALSE)
string(REPLACE "-gnu" "-musl" _musl_triple "${CMAKE_LIBRARY_ARCHITECTURE}")
set(_musl_include "/usr/include/${_musl_triple}")
set(_musl_lib "/usr/lib/${_musl_triple}")
if(ARENA_MUSL_COMMAND AND NOT ARENA_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND
   CMAKE_LIBRARY_ARCHITECTURE AND EXISTS "${_musl_include}/stdlib.h" AND
   EXISTS "${_musl_lib}/libc.a" AND EXISTS "${_musl_lib}/crt1.o")
  set(ARENA_MUSL_FOUND TRUE)
endif()
if(ARENA_MUSL_FOUND)
  message(STATUS "arena-sandbox: linked with musl (${_musl_lib})")
elseif(NOT ARENA_SANITIZE)
  message(STATUS "arena-sandbox: linked with glibc (no musl: install musl-tools for a faster "
                 "cold start)")
endif()

function(_arena_gcc_file out name)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${name}
                  OUTPUT_VARIABLE path OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(${out} "${path}" PARENT_SCOPE)
endfunction()

function(arena_musl_executable target)
  cmake_parse_arguments(ARG "" "" "SOURCES;INCLUDES" ${ARGN})
  # The kernel's headers and nlohmann's, without the rest of /usr/include.
  set(links "${CMAKE_BINARY_DIR}/musl-include")
  file(MAKE_DIRECTORY "${links}")
  get_target_property(json_dirs nlohmann_json::nlohmann_json INTERFACE_INCLUDE_DIRECTORIES)
  list(GET json_dirs 0 json_dir)
  file(CREATE_LINK /usr/include/linux "${links}/linux" SYMBOLIC)
  file(CREATE_LINK /usr/include/asm-generic "${links}/asm-generic" SYMBOLIC)
  file(CREATE_LINK "/usr/include/${CMAKE_LIBRARY_ARCHITECTURE}/asm" "${links}/asm" SYMBOLIC)
  file(CREATE_LINK "${json_dir}/nlohmann" "${links}/nlohmann" SYMBOLIC)

  add_executable(${target} ${ARG_SOURCES} "${PROJECT_SOURCE_DIR}/sandbox/musl/glibc_names.cpp"
                 "${PROJECT_SOURCE_DIR}/sandbox/musl/one_shot_malloc.cpp")
  target_include_directories(${target} PRIVATE ${ARG_INCLUDES})
  # libstdc++'s own directories (not filtered out as implicit, as include directories would
  # be), then GCC's, musl's, and the links; never the system's C headers.
  set(search -nostdinc)
  foreach(dir ${CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES})
    if(dir MATCHES "/c\\+\\+/")
      list(APPEND search "SHELL:-isystem ${dir}")
    endif()
  endforeach()
  _arena_gcc_file(gcc_include include)
  list(APPEND search "SHELL:-isystem ${gcc_include}" "SHELL:-isystem ${_musl_include}"
       "SHELL:-isystem ${links}"
       "SHELL:-include ${PROJECT_SOURCE_DIR}/sandbox/musl/glibc_names.h")
  target_compile_options(${target} PRIVATE ${search} -fstack-protector-strong)
  target_link_libraries(${target} PRIVATE arena::warnings)

  # Static, not position-independent (its code at a fixed address; stack, heap and mappings
  # stay randomized), and every start-up and library file named, in the order the C++ driver
  # would give them.
  _arena_gcc_file(crtbegin crtbeginT.o)
  _arena_gcc_file(crtend crtend.o)
  _arena_gcc_file(libstdcxx libstdc++.a)
  _arena_gcc_file(libgcc libgcc.a)
  _arena_gcc_file(libgcc_eh libgcc_eh.a)
  target_link_options(${target} PRIVATE -static -nostdlib "${_musl_lib}/crt1.o"
                      "${_musl_lib}/crti.o" "${crtbegin}")
  target_link_libraries(${target} PRIVATE -Wl,--start-group "${libstdcxx}" "${libgcc}"
                        "${libgcc_eh}" "${_musl_lib}/libc.a" -Wl,--end-group "${crtend}"
                        "${_musl_lib}/crtn.o")
endfunction()
