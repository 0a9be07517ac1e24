import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from './api/problem';
import { RequireAuth, RequireRole } from './auth/auth';
import { Layout } from './components/Layout';
import { Loading, NotFound } from './components/ui';
import { LoginPage } from './pages/LoginPage';
import { appRoutes } from './routes';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // 4xx answers do not get better by asking again.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/anmelden" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <Layout />
          </RequireAuth>
        }
      >
        {appRoutes.map((r) => (
          <Route
            key={r.path}
            path={r.path}
            element={<Suspense fallback={<Loading />}>{r.roles || r.levels ? <RequireRole roles={r.roles} levels={r.levels}>{r.element}</RequireRole> : r.element}</Suspense>}
          />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App({ queryClient = createQueryClient() }: { queryClient?: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  );
}
