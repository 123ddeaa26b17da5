using System;
using System.Runtime.InteropServices;

namespace JwtAnalyzers.Benchmarks
{
    /// <summary>
    /// The calling thread's CPU time (Linux: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>). Time the thread spends
    /// preempted or waiting is not in it, unlike the driver's callback time, which is wall time.
    /// </summary>
    internal static class ThreadCpu
    {
        private const int ClockThreadCpuTimeId = 3;

        public static bool Available { get; } = OperatingSystem.IsLinux() && Probe();

        /// <summary>Nanoseconds of CPU time the calling thread has used.</summary>
        public static long Nanoseconds()
        {
            clock_gettime(ClockThreadCpuTimeId, out var time);
            return time.Seconds * 1_000_000_000 + time.Nanoseconds;
        }

        /// <summary>What one read costs in the thread's own CPU time (a timed callback carries about one).</summary>
        public static double NanosecondsPerRead(int reads = 20_000)
        {
            var begin = Nanoseconds();
            for (var i = 0; i < reads; i++) Nanoseconds();
            return (Nanoseconds() - begin) / (double)(reads + 1);
        }

        private static bool Probe()
        {
            try
            {
                return Nanoseconds() > 0;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int clock_gettime(int clockId, out TimeSpec time);
    }
}
