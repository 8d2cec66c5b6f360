# Links with lld when the toolchain has it. A cold build links about 130 programs, each with
# large static libraries and debug info (several hundred MB under ASan); GNU ld spends about
# twice as long on each as lld does, which made linking a large share of a cold `./arena test`.
include(CheckLinkerFlag)
option(ARENA_USE_LLD "Link with lld when it is installed" ON)
if(ARENA_USE_LLD)
  check_linker_flag(CXX "-fuse-ld=lld" ARENA_HAVE_LLD)
  if(ARENA_HAVE_LLD)
    add_link_options(-fuse-ld=lld)
  endif()
endif()
