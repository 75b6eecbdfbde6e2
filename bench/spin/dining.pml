/*
 * The classic Promela model of the dining philosophers (bench/explore.bench.ts measures SPIN on
 * it beside Threadscape's model checker): N philosophers loop forever thinking, taking their
 * left fork, then their right fork, eating and putting both down. SPIN's model is untimed: a
 * philosopher may take any number of steps while another takes none. With -DORDERED the last
 * philosopher takes its forks in the reverse order, which breaks the cycle. Every philosopher
 * blocked on a fork is an invalid end state: SPIN's deadlock.
 *
 *   spin -DN=5 -a dining.pml && gcc -O2 -DSAFETY -o pan pan.c && ./pan -m1000000
 */
#ifndef N
#define N 5
#endif
bit fork[N];
proctype phil(byte i) {
  byte first = i;
  byte second = (i + 1) % N;
#ifdef ORDERED
  if
  :: i == N - 1 -> first = 0; second = N - 1
  :: else -> skip
  fi;
#endif
  do
  :: skip;
     atomic { fork[first] == 0 -> fork[first] = 1 };
     atomic { fork[second] == 0 -> fork[second] = 1 };
     fork[second] = 0;
     fork[first] = 0
  od
}
init {
  byte k = 0;
  atomic { do :: k < N -> run phil(k); k++ :: k >= N -> break od }
}
